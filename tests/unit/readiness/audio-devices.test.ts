import { describe, expect, it } from 'vitest';
import { classifyOutput, parseWindowsEndpoints, type AudioDeviceInfo } from '../../../src-shared/readiness/audio-devices.js';
import { speechEvidence } from '../../../src-shared/readiness/mic-level.js';
import { headsetOutcome } from '../../../src-shared/readiness/rules.js';

const dev = (kind: AudioDeviceInfo['kind'], label: string, groupId = ''): AudioDeviceInfo => ({ kind, label, groupId, deviceId: label });

describe('classifyOutput', () => {
  it('recognises headsets and speakers by label, in German and English', () => {
    expect(classifyOutput(dev('audiooutput', 'Kopfhörer (Jabra Evolve2 65)'), undefined).outputClass).toBe('headset');
    expect(classifyOutput(dev('audiooutput', 'Lautsprecher (Realtek(R) Audio)'), undefined).outputClass).toBe('speakers');
    expect(classifyOutput(dev('audiooutput', 'USB Audio Device'), undefined).outputClass).toBe('unknown');
  });

  it('lends the microphone label when input and output share a groupId', () => {
    const out = dev('audiooutput', 'USB Audio Device', 'g1');
    const mic = dev('audioinput', 'Headset Microphone (USB Audio Device)', 'g1');
    const result = classifyOutput(out, mic);
    expect(result.sameDevice).toBe(true);
    expect(result.outputClass).toBe('headset');
    expect(classifyOutput(out, { ...mic, groupId: 'g2' }).outputClass).toBe('unknown');
  });

  it('lets the platform form factor win over the label', () => {
    const endpoints = parseWindowsEndpoints([
      { FriendlyName: 'Speakers (Logitech H390)', FormFactor: 1, Flow: 'render' },
      { FriendlyName: 'Mikrofon (Logitech H390)', FormFactor: 4, Flow: 'capture' },
    ]);
    const result = classifyOutput(dev('audiooutput', 'Speakers (Logitech H390)'), undefined, endpoints);
    expect(result.signals.map((s) => s.source)).toEqual(['platform', 'label']);
    expect(result.outputClass).toBe('speakers');
  });

  it('parses a single endpoint that ConvertTo-Json printed as an object', () => {
    expect(parseWindowsEndpoints({ FriendlyName: 'Headset (EPOS)', FormFactor: 5, Flow: 'render' })).toEqual([
      { name: 'Headset (EPOS)', formFactor: 'Headset', flow: 'render' },
    ]);
    expect(() => parseWindowsEndpoints([{ FriendlyName: 'x', FormFactor: 'five', Flow: 'render' }])).toThrow();
  });
});

describe('speakerphones', () => {
  it('are open speakers by model name, whatever the driver reports', () => {
    const speak = dev('audiooutput', 'Lautsprecher (Jabra Speak 510 USB)');
    const endpoints = parseWindowsEndpoints([{ FriendlyName: 'Lautsprecher (Jabra Speak 510 USB)', FormFactor: 5, Flow: 'render' }]);
    const result = classifyOutput(speak, undefined, endpoints);
    expect(result.outputClass).toBe('speakers');
    expect(result.signals.map((s) => s.source)).toEqual(['platform', 'model-list']);
    for (const label of ['Poly Sync 20', 'EPOS EXPAND 40T', 'Yealink CP900', 'Anker PowerConf S3', 'Freisprecheinrichtung (USB)']) {
      expect(classifyOutput(dev('audiooutput', label), undefined).outputClass, label).toBe('speakers');
    }
  });

  it('a brand alone no longer makes a headset; the headset models of that brand do', () => {
    expect(classifyOutput(dev('audiooutput', 'Jabra Link 380'), undefined).outputClass).toBe('unknown');
    expect(classifyOutput(dev('audiooutput', 'Jabra Evolve2 65'), undefined).outputClass).toBe('headset');
    expect(classifyOutput(dev('audiooutput', 'Poly Blackwire 3320'), undefined).outputClass).toBe('headset');
    expect(classifyOutput(dev('audiooutput', 'EPOS ADAPT 360'), undefined).outputClass).toBe('headset');
  });

  it('a speakerphone microphone in the same group marks the output too', () => {
    const out = dev('audiooutput', 'USB Audio Device', 'g1');
    const mic = dev('audioinput', 'Mikrofon (Jabra Speak 750)', 'g1');
    expect(classifyOutput(out, mic).signals.find((s) => s.source === 'model-list')?.detail).toBe('Mikrofon (Jabra Speak 750)');
  });
});

describe('headset verdict: evidence first', () => {
  const RATE = 48_000;
  const speaking = speechEvidence(
    Float32Array.from({ length: RATE * 2 }, (_, i) => 0.2 * (0.5 + 0.5 * Math.sin((2 * Math.PI * 4 * i) / RATE)) * Math.sin((2 * Math.PI * 140 * i) / RATE)),
    RATE,
  );
  const tones = (heard: boolean[], interferenceHz: number[] = []) => ({
    tones: heard.map((h, i) => ({ frequencyHz: 1000 + 600 * i, heard: h, snrDb: h ? 30 : 0 })),
    heardCount: heard.filter(Boolean).length,
    latencyMs: heard.some(Boolean) ? 80 : null,
    interferenceHz,
  });
  const none = tones([false, false, false, false]);
  const unknown = classifyOutput(dev('audiooutput', 'USB Audio'), undefined);
  const base = { classification: unknown, speech: speaking, outputAsChosen: true, loopback: none, answer: 'headset' as const };
  const outcome = (over: Partial<Parameters<typeof headsetOutcome>[0]>) => {
    const result = headsetOutcome({ ...base, ...over });
    return result.judged ? result.findings.map((f) => `${f.code}:${f.severity}`) : [`${result.finding.code}:nicht prüfbar`];
  };

  it('a dead microphone is "nicht prüfbar", never a pass (digital silence, or no voice above the noise)', () => {
    expect(speechEvidence(new Float32Array(RATE), RATE).state).toBe('silent');
    expect(outcome({ speech: speechEvidence(new Float32Array(RATE), RATE) })).toEqual(['headset.mic-silent:nicht prüfbar']);
    const hum = Float32Array.from({ length: RATE }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 50 * i) / RATE));
    expect(speechEvidence(hum, RATE).state).toBe('no-speech');
    expect(outcome({ speech: speechEvidence(hum, RATE) })).toEqual(['headset.no-speech:nicht prüfbar']);
  });

  it('tones not on the chosen output, or drowned by a tone already there, are "nicht prüfbar"', () => {
    expect(outcome({ outputAsChosen: false })).toEqual(['headset.output-not-chosen:nicht prüfbar']);
    expect(outcome({ loopback: null })).toEqual(['headset.not-played:nicht prüfbar']);
    expect(outcome({ loopback: tones([true, true, true, true], [1600]) })).toEqual(['headset.interference:nicht prüfbar']);
  });

  it('heard by the microphone → open speakers, whatever the person says', () => {
    expect(outcome({ loopback: tones([true, true, true, false]) })).toEqual(['headset.open-speakers:fail']);
    expect(outcome({ loopback: tones([true, false, false, false]), answer: 'headset' })).toEqual(['headset.partly-heard:warn']);
  });

  it('heard by the person from speakers → open speakers (echo cancelling hid them from the microphone)', () => {
    expect(outcome({ answer: 'speakers' })).toEqual(['headset.user-heard-speakers:fail']);
  });

  it('a speakerphone is open speakers even when its microphone heard nothing', () => {
    expect(outcome({ classification: classifyOutput(dev('audiooutput', 'Jabra Speak 510'), undefined) })).toEqual(['headset.speakerphone:fail']);
  });

  it('heard by the person in the headset and not by the microphone → headset', () => {
    expect(outcome({})).toEqual(['headset.confirmed:info']);
  });

  it('heard by nobody, or no answer → "nicht prüfbar"', () => {
    expect(outcome({ answer: 'nothing' })).toEqual(['headset.nothing-heard:nicht prüfbar']);
    expect(outcome({ answer: null })).toEqual(['headset.no-answer:nicht prüfbar']);
  });


});

import { describe, expect, it } from 'vitest';
import { classifyOutput, parseWindowsEndpoints, type AudioDeviceInfo } from '../../../src-shared/readiness/audio-devices.js';
import { headsetFindings } from '../../../src-shared/readiness/rules.js';

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

describe('headset verdict', () => {
  const tones = (heard: boolean[]) => ({
    tones: heard.map((h, i) => ({ frequencyHz: 1000 + i, heard: h, snrDb: h ? 30 : 0, firstHeardMs: h ? 100 + i * 300 : null })),
    heardCount: heard.filter(Boolean).length,
    inOrder: true,
  });
  const unknown = classifyOutput(dev('audiooutput', 'USB Audio'), undefined);
  const speakers = classifyOutput(dev('audiooutput', 'Lautsprecher (Realtek Audio)'), undefined);

  it('fails open speakers when the microphone hears the tones', () => {
    expect(headsetFindings({ classification: unknown, loopback: tones([true, true, true, true]) })[0]).toMatchObject({ code: 'headset.open-speakers', severity: 'fail' });
  });
  it('passes when nothing is heard, warns on a partial hearing or a silent "speaker"', () => {
    expect(headsetFindings({ classification: unknown, loopback: tones([false, false, false, false]) })[0]?.severity).toBe('info');
    expect(headsetFindings({ classification: unknown, loopback: tones([true, false, false, false]) })[0]?.code).toBe('headset.partly-heard');
    expect(headsetFindings({ classification: speakers, loopback: tones([false, false, false, false]) })[0]?.code).toBe('headset.silent-speakers');
  });
  it('falls back on the device class without the listening test', () => {
    expect(headsetFindings({ classification: speakers, loopback: null })[0]?.severity).toBe('fail');
    expect(headsetFindings({ classification: unknown, loopback: null })[0]?.code).toBe('headset.unknown');
  });
});

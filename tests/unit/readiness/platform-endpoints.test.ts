import { describe, expect, it } from 'vitest';
import { platformHeadsetCheck } from '../../../src-main/services/readiness/automatic-checks.js';
import { ENDPOINT_QUERY, queryAudioEndpoints } from '../../../src-main/services/readiness/platform-endpoints.js';
import { classifyOutput } from '../../../src-shared/readiness/audio-devices.js';

// The real queries run only on Windows and macOS; these tests feed them the output such a query prints.
describe('Windows audio endpoint form factor', () => {
  it('asks PowerShell for PKEY_AudioEndpoint_FormFactor of every present endpoint', async () => {
    let call: readonly string[] = [];
    const result = await queryAudioEndpoints('win32', async (file, args) => {
      call = [file, ...args];
      return JSON.stringify([
        { FriendlyName: 'Kopfhörer (Jabra Evolve2 65)', FormFactor: 3, Flow: 'render' },
        { FriendlyName: 'Lautsprecher (Realtek(R) Audio)', FormFactor: 1, Flow: 'render' },
        { FriendlyName: 'Mikrofon (Jabra Evolve2 65)', FormFactor: 5, Flow: 'capture' },
      ]);
    });
    expect(call[0]).toBe('powershell.exe');
    expect(call.at(-1)).toBe(ENDPOINT_QUERY);
    expect(ENDPOINT_QUERY).toContain('{1da5d803-d492-4edd-8c23-e0c0ffee7f0e} 0');
    expect(result).toEqual({
      available: true,
      endpoints: [
        { name: 'Kopfhörer (Jabra Evolve2 65)', formFactor: 'Headphones', flow: 'render' },
        { name: 'Lautsprecher (Realtek(R) Audio)', formFactor: 'Speakers', flow: 'render' },
        { name: 'Mikrofon (Jabra Evolve2 65)', formFactor: 'Headset', flow: 'capture' },
      ],
    });
  });

  it('runs no tool on Linux, and reports a failing query', async () => {
    expect(await queryAudioEndpoints('linux', () => Promise.reject(new Error('must not run')))).toEqual({ available: false, reason: 'unsupported-platform' });
    expect(await queryAudioEndpoints('win32', () => Promise.reject(new Error('Zugriff verweigert')))).toMatchObject({ available: false, reason: 'query-failed' });
  });
});

describe('macOS audio transport and data source', () => {
  // Shape of `system_profiler SPAudioDataType -json` on a MacBook with a wired headset in the jack, a USB headset,
  // Bluetooth earbuds and an external display.
  const profile = {
    SPAudioDataType: [
      {
        _name: 'coreaudio_device',
        _items: [
          { _name: 'MacBook Pro Microphone', coreaudio_device_input: 1, coreaudio_device_transport: 'coreaudio_device_type_builtin', coreaudio_input_source: 'MacBook Pro Microphone' },
          { _name: 'MacBook Pro Speakers', coreaudio_device_output: 2, coreaudio_device_transport: 'coreaudio_device_type_builtin', coreaudio_output_source: 'MacBook Pro Speakers' },
          { _name: 'External Headphones', coreaudio_device_output: 2, coreaudio_device_transport: 'coreaudio_device_type_builtin', coreaudio_output_source: 'External Headphones' },
          { _name: 'Jabra Evolve2 65', coreaudio_device_input: 1, coreaudio_device_output: 2, coreaudio_device_transport: 'coreaudio_device_type_usb' },
          { _name: 'LG HDR WQHD', coreaudio_device_output: 2, coreaudio_device_transport: 'coreaudio_device_type_displayport', coreaudio_output_source: 'LG HDR WQHD' },
          { _name: 'JBL Flip 5', coreaudio_device_output: 2, coreaudio_device_transport: 'coreaudio_device_type_bluetooth' },
        ],
      },
    ],
  };

  it('asks system_profiler and reads transport and output source', async () => {
    let call: readonly string[] = [];
    const result = await queryAudioEndpoints('darwin', async (file, args) => {
      call = [file, ...args];
      return JSON.stringify(profile);
    });
    expect(call).toEqual(['/usr/sbin/system_profiler', 'SPAudioDataType', '-json', '-detailLevel', 'mini']);
    expect(result).toEqual({
      available: true,
      endpoints: [
        { name: 'MacBook Pro Microphone', flow: 'capture', formFactor: 'Speakers' },
        { name: 'MacBook Pro Speakers', flow: 'render', formFactor: 'Speakers' },
        { name: 'External Headphones', flow: 'render', formFactor: 'Headphones' },
        { name: 'Jabra Evolve2 65', flow: 'render', formFactor: 'UnknownFormFactor' },
        { name: 'Jabra Evolve2 65', flow: 'capture', formFactor: 'UnknownFormFactor' },
        { name: 'LG HDR WQHD', flow: 'render', formFactor: 'DigitalAudioDisplayDevice' },
        { name: 'JBL Flip 5', flow: 'render', formFactor: 'UnknownFormFactor' },
      ],
    });
  });

  it('lets the platform decide for built-in outputs and leaves Bluetooth to labels and the acoustic test', async () => {
    const result = await queryAudioEndpoints('darwin', async () => JSON.stringify(profile));
    if (!result.available) throw new Error('expected endpoints');
    const device = (label: string) => ({ kind: 'audiooutput' as const, label, groupId: '', deviceId: label });
    expect(classifyOutput(device('MacBook Pro Speakers'), undefined, result.endpoints).outputClass).toBe('speakers');
    expect(classifyOutput(device('External Headphones'), undefined, result.endpoints).outputClass).toBe('headset');
    expect(classifyOutput(device('LG HDR WQHD'), undefined, result.endpoints).outputClass).toBe('speakers');
    // A Bluetooth box is an open speaker although Bluetooth is also how earbuds connect: no platform verdict.
    expect(classifyOutput(device('JBL Flip 5'), undefined, result.endpoints).signals.some((signal) => signal.source === 'platform')).toBe(false);
  });

  it('reports output it cannot read as a failed query, not as a verdict', async () => {
    expect(await queryAudioEndpoints('darwin', async () => 'not json')).toMatchObject({ available: false, reason: 'query-failed' });
    expect(await queryAudioEndpoints('darwin', async () => JSON.stringify({ SPAudioDataType: 'x' }))).toMatchObject({ available: false, reason: 'query-failed' });
  });
});

describe('command-line headset check', () => {
  it('turns the endpoints into a verdict', async () => {
    const withHeadset = await platformHeadsetCheck(async () => ({ available: true, endpoints: [{ name: 'Headset (EPOS)', formFactor: 'Headset', flow: 'render' }] }));
    expect(withHeadset).toMatchObject({ status: 'ok', figures: { headsetEndpoints: 1 } });
    const speakersOnly = await platformHeadsetCheck(async () => ({ available: true, endpoints: [{ name: 'Speakers (Realtek)', formFactor: 'Speakers', flow: 'render' }] }));
    expect(speakersOnly.status).toBe('fail');
    // A speakerphone whose driver says "Headset" is still open speakers.
    const speakerphone = await platformHeadsetCheck(async () => ({ available: true, endpoints: [{ name: 'Jabra Speak 750', formFactor: 'Headset', flow: 'render' }] }));
    expect(speakerphone).toMatchObject({ status: 'fail', figures: { headsetEndpoints: 0, speakerphoneEndpoints: 1 } });
    expect((await platformHeadsetCheck(async () => ({ available: false, reason: 'unsupported-platform' }))).status).toBe('skipped');
    expect((await platformHeadsetCheck(async () => ({ available: false, reason: 'query-failed', detail: 'x' }))).status).toBe('unavailable');
  });
});

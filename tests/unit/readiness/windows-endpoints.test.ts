import { describe, expect, it } from 'vitest';
import { platformHeadsetCheck } from '../../../src-main/services/readiness/automatic-checks.js';
import { ENDPOINT_QUERY, queryAudioEndpoints } from '../../../src-main/services/readiness/windows-endpoints.js';

// The real PowerShell query runs only on Windows; these tests feed it the JSON such a query prints.
describe('Windows audio endpoint form factor', () => {
  it('asks PowerShell for PKEY_AudioEndpoint_FormFactor of every present endpoint', async () => {
    let script = '';
    const result = await queryAudioEndpoints('win32', async (s) => {
      script = s;
      return JSON.stringify([
        { FriendlyName: 'Kopfhörer (Jabra Evolve2 65)', FormFactor: 3, Flow: 'render' },
        { FriendlyName: 'Lautsprecher (Realtek(R) Audio)', FormFactor: 1, Flow: 'render' },
        { FriendlyName: 'Mikrofon (Jabra Evolve2 65)', FormFactor: 5, Flow: 'capture' },
      ]);
    });
    expect(script).toBe(ENDPOINT_QUERY);
    expect(script).toContain('{1da5d803-d492-4edd-8c23-e0c0ffee7f0e} 0');
    expect(result).toEqual({
      available: true,
      endpoints: [
        { name: 'Kopfhörer (Jabra Evolve2 65)', formFactor: 'Headphones', flow: 'render' },
        { name: 'Lautsprecher (Realtek(R) Audio)', formFactor: 'Speakers', flow: 'render' },
        { name: 'Mikrofon (Jabra Evolve2 65)', formFactor: 'Headset', flow: 'capture' },
      ],
    });
  });

  it('does not run PowerShell elsewhere, and reports a failing query', async () => {
    expect(await queryAudioEndpoints('linux', () => Promise.reject(new Error('must not run')))).toEqual({ available: false, reason: 'not-windows' });
    expect(await queryAudioEndpoints('win32', () => Promise.reject(new Error('Zugriff verweigert')))).toMatchObject({ available: false, reason: 'query-failed' });
  });

  it('turns the endpoints into the command line headset check', async () => {
    const withHeadset = await platformHeadsetCheck(async () => ({ available: true, endpoints: [{ name: 'Headset (EPOS)', formFactor: 'Headset', flow: 'render' }] }));
    expect(withHeadset).toMatchObject({ status: 'ok', figures: { headsetEndpoints: 1 } });
    const speakersOnly = await platformHeadsetCheck(async () => ({ available: true, endpoints: [{ name: 'Speakers (Realtek)', formFactor: 'Speakers', flow: 'render' }] }));
    expect(speakersOnly.status).toBe('fail');
    expect((await platformHeadsetCheck(async () => ({ available: false, reason: 'not-windows' }))).status).toBe('skipped');
    expect((await platformHeadsetCheck(async () => ({ available: false, reason: 'query-failed', detail: 'x' }))).status).toBe('unavailable');
  });
});

// The fixtures reproduce reg.exe's output format (CRLF lines, four-space separators, hex DWORDs, a localised
// "(Standard)" default value, an empty REG_SZ printed without data). They were written from that format, not
// captured on a live Windows machine: this Linux machine has no registry, so the reader is not run live here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegQueryOutput, queryRegistry, registryToDocument } from '../../../src-main/services/policy/registry.js';
import { readPolicy } from '../../../src-main/services/policy/read-policy.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('reg.exe output parser', () => {
  it('reads names, types and data, ignoring the key header and sub-keys', () => {
    const values = parseRegQueryOutput(fixture('reg-query-valid.txt'));
    expect(values.get('ServerUrl')).toEqual({ type: 'REG_SZ', data: 'https://beratung.agentur.example/' });
    expect(values.get('AutoLockMinutes')).toEqual({ type: 'REG_DWORD', data: '0xf' });
    expect(values.size).toBe(9);
  });

  it('keeps an empty REG_SZ and skips the default value', () => {
    const values = parseRegQueryOutput(fixture('reg-query-invalid.txt'));
    expect(values.get('LogLevel')).toEqual({ type: 'REG_SZ', data: '' });
    expect([...values.keys()]).not.toContain('(Standard)');
  });

  it('maps DWORDs to numbers and booleans', () => {
    const { document, problems } = registryToDocument(parseRegQueryOutput(fixture('reg-query-valid.txt')));
    expect(problems).toEqual([]);
    expect(document).toMatchObject({ autoLockMinutes: 15, screenSharingAllowed: false, updatesEnabled: true, logLevel: 'warn' });
    // The office's planning figures: 4 video channels, 405 net minutes (6.75 h, a part-time day).
    expect(document).toMatchObject({ videoChannels: 4, netMinutesPerWorkingDay: 405 });
  });

  it('reads the planning figures by their ADMX names in any case, and refuses them as text', () => {
    const { document, problems } = registryToDocument(
      new Map([
        ['videochannels', { type: 'REG_DWORD', data: '0x3' }],
        ['NetMinutesPerWorkingDay', { type: 'REG_SZ', data: '400' }],
      ]),
    );
    expect(document).toEqual({ videoChannels: 3 });
    expect(problems).toEqual(['NetMinutesPerWorkingDay: Typ REG_SZ – erwartet wird REG_DWORD.']);
  });

  it('names unknown values and wrong types without echoing the data', () => {
    const { problems } = registryToDocument(parseRegQueryOutput(fixture('reg-query-invalid.txt')));
    expect(problems.join('\n')).toContain('AutoLockMinuten');
    expect(problems.join('\n')).toContain('ScreenSharingAllowed: Typ REG_SZ');
    expect(problems.join('\n')).not.toContain('ja');
  });

  it('treats exit code 1 without a key header as "no policy"', async () => {
    expect(await queryRegistry(async () => ({ exitCode: 1, stdout: '' }))).toEqual({ state: 'absent' });
  });

  it('reports a reg.exe that cannot run', async () => {
    const failing = async () => {
      throw Object.assign(new Error('spawn reg.exe ENOENT'), { code: 'ENOENT' });
    };
    expect(await queryRegistry(failing)).toMatchObject({ state: 'failed' });
  });
});

describe('policy on Windows (registry and ProgramData file)', () => {
  const env = { ProgramData: join(import.meta.dirname, 'fixtures', 'no-such-programdata') };

  it('a valid registry key becomes the policy', async () => {
    const reading = await readPolicy({ platform: 'win32', env, regQuery: async () => ({ exitCode: 0, stdout: fixture('reg-query-valid.txt') }) });
    expect(reading.state).toBe('valid');
    expect(reading.document).toMatchObject({ serverUrl: 'https://beratung.agentur.example/', autoLockMinutes: 15, videoChannels: 4, netMinutesPerWorkingDay: 405 });
    expect(reading.sources.map((s) => `${s.kind}:${s.state}`)).toEqual(['registry:valid', 'file:absent']);
  });

  it('an invalid registry value makes the whole policy invalid', async () => {
    const reading = await readPolicy({ platform: 'win32', env, regQuery: async () => ({ exitCode: 0, stdout: fixture('reg-query-invalid.txt') }) });
    expect(reading.state).toBe('invalid');
    expect(reading.document).toBeNull();
    expect(reading.sources[0]?.problems.length).toBeGreaterThanOrEqual(3);
  });

  it('a planning figure out of range makes the whole policy invalid, naming the key', async () => {
    const stdout = `\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Beratungsraum\r\n    VideoChannels    REG_DWORD    0x64\r\n`;
    const reading = await readPolicy({ platform: 'win32', env, regQuery: async () => ({ exitCode: 0, stdout }) });
    expect(reading.state).toBe('invalid');
    expect(reading.sources[0]?.problems.join(' ')).toContain('videoChannels');
  });
});

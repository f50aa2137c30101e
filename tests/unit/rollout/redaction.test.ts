import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogService, type LogService } from '../../../src-main/services/logging/log-service.js';
import { createRedactor } from '../../../src-main/services/logging/redact.js';
import { logCorpus, PLANTED, rememberKnown, STAFF_HOME } from '../../support/redaction-corpus.js';

let dir: string;
let logs: LogService | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-logs-'));
});
afterEach(async () => {
  await logs?.close();
  logs = null;
  await rm(dir, { recursive: true, force: true });
});

const readLines = async (service: LogService) => {
  await service.flush();
  const files = await service.files();
  const text = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('');
  return text.split('\n').filter(Boolean);
};

const leaks = (text: string) => PLANTED.filter((planted) => text.toLocaleLowerCase('de').includes(planted.toLocaleLowerCase('de')));

describe('redaction', () => {
  it('the corpus leaves no planted name, customer number, e-mail or note text in the log files', async () => {
    logs = await openLogService({ dataDir: dir, level: 'debug', homeDir: STAFF_HOME });
    rememberKnown(logs.redactor);
    const calls = logCorpus(logs);
    const lines = await readLines(logs);
    expect(lines).toHaveLength(calls);
    expect(leaks(lines.join('\n'))).toEqual([]);
    // Still useful to IT: the technical parts survive.
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ level: 'info', msg: 'Termin mit [entfernt] auf morgen verschoben' });
    expect(records.find((r) => r.msg === 'calendar.loaded')).toMatchObject({ count: 12, redacted: 3 });
    expect(records.find((r) => r.msg === 'note.saved')).toMatchObject({ noteId: 'n-42', durationMs: 12, redacted: 1 });
    expect(records.find((r) => r.msg === 'sync.request')).toMatchObject({ url: 'https://beratung.example/api/v1/search', statusCode: 500 });
    expect(records.find((r) => r.msg === 'export.written')).toMatchObject({ path: '~/Beratungsraum/Export [entfernt].json' });
    expect(records.find((r) => r.msg === 'import.failed')).toMatchObject({ err: { type: 'TypeError', code: 'E_IMPORT' } });
    expect(String((records.find((r) => r.msg === 'store.write_failed')?.err as { stack?: string }).stack)).toContain('at ');
    expect(records.some((r) => r.module === 'calendar')).toBe(true);
  });

  it('without the known values, the corpus does leak (the test can fail)', async () => {
    logs = await openLogService({ dataDir: dir, level: 'debug', homeDir: STAFF_HOME });
    logCorpus(logs);
    expect(leaks((await readLines(logs)).join('\n'))).toContain('Erika Mustermann');
  });

  it('keeps technical identifiers in quotes and plain wording', () => {
    const redactor = createRedactor({ homeDir: '/home/x' });
    expect(redactor.scrubText('Unbekannte Funktion „settings.sett“.')).toBe('Unbekannte Funktion „settings.sett“.');
    expect(redactor.scrubText('Datei "policy.json" ist ungültig')).toBe('Datei "policy.json" ist ungültig');
    expect(redactor.scrubText('Suche nach "Meier" ohne Treffer')).toBe('Suche nach "[Text]" ohne Treffer');
    expect(redactor.scrubText('Version 0.1.0 auf 127.0.0.1:8470 gestartet')).toBe('Version 0.1.0 auf 127.0.0.1:8470 gestartet');
  });

  it('cuts long text', () => {
    const redactor = createRedactor();
    expect(redactor.scrubText('a '.repeat(2000)).endsWith('…[gekürzt]')).toBe(true);
  });

  it('drops fields written by the logger itself when a caller passes them', () => {
    const redactor = createRedactor();
    expect(redactor.scrubCall('x', { time: 'Erika Mustermann', pid: 'Mustermann', hostname: 'laptop-mustermann' })).toEqual({ msg: 'x', redacted: 3 });
  });

  it('honours the level and changes it at run time', async () => {
    logs = await openLogService({ dataDir: dir, level: 'warn' });
    logs.info('not.written');
    logs.setLevel('info');
    logs.info('written');
    expect((await readLines(logs)).map((line) => JSON.parse(line).msg)).toEqual(['written']);
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    logs = await openLogService({ dataDir: dir, level: 'info', maxFileSize: '1k', keepFiles: 2 });
    for (let i = 0; i < 200; i++) {
      logs.info('rotation.test', { count: i });
      if (i % 20 === 0) await logs.flush();
    }
    await logs.flush();
    // pino-roll rolls after a write's drain; give the last roll a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const files = await logs.files();
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
  });
});

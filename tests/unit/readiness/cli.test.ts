/**
 * The readiness command line for IT support: STUN probes against a real coturn (UDP, TCP and TLS), and the real
 * CLI run as a child process — from source (`npm run readiness`) and as the standalone bundle on the system Node.
 * Probes get a generous reply timeout: on a loaded machine a late reply must not turn into "loss"; speed is the
 * benchmark's business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { buildReadinessBundle } from '../../../scripts/readiness-bundle.mjs';
import { parseCliArgs, readinessAppArgs, UsageError } from '../../../src-main/services/readiness/cli.js';
import { turnReachabilityCheck } from '../../../src-main/services/readiness/automatic-checks.js';
import { probeServer } from '../../../src-main/services/readiness/server-health.js';
import { probeTurn } from '../../../src-main/services/readiness/stun-probe.js';
import { InvalidTurnUrlError, parseTurnUrl, probeTargets } from '../../../src-shared/readiness/turn-url.js';
import { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { exitCodeOf } from '../../../src-shared/readiness/verdict.js';
import { startCoturn, type TestTurn } from '../../support/coturn.js';
import { selfSignedCertificate, type TestCertificate } from '../../support/tls-cert.js';

let turn: TestTurn;
let cert: TestCertificate;
let dir: string;
let tlsUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-readiness-cli-'));
  cert = await selfSignedCertificate(dir, '127.0.0.1');
  turn = await startCoturn({ address: '127.0.0.1' }, cert);
  tlsUrl = turn.urls.tls as string;
});
afterAll(async () => {
  await turn?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const probes = { count: 8, intervalMs: 10, timeoutMs: 5_000 };
const version = async (): Promise<string> => (JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A port nobody listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = (file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(file, [...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });

/** `npm run readiness -- …` without npm: the same entry through tsx. */
const cliFromSource = (args: readonly string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/services/readiness/main.ts', ...args]);

const readReport = async (file: string) => ReadinessReport.parse(JSON.parse(await readFile(file, 'utf8')));

describe('STUN probes against a real coturn', () => {
  it('reaches TURN over UDP, TCP and TLS with a round trip and no loss', async () => {
    const targets = probeTargets([turn.urls.udp, turn.urls.tcp, tlsUrl]);
    expect(targets.map((t) => t.transport)).toEqual(['udp', 'tcp', 'tls']);
    for (const target of targets) {
      const link = await probeTurn(target, { ...probes, extraCa: [cert.pem] });
      expect(link, target.transport).toMatchObject({ transport: target.transport, reachable: true, lossPercent: 0, cause: null });
      expect(link.rttMs).toBeGreaterThan(0);
    }
  });

  it('TLS checks the certificate: an untrusted one is named as the cause', async () => {
    const [target] = probeTargets([tlsUrl]);
    const link = await probeTurn(target!, { ...probes, count: 2 });
    expect(link).toMatchObject({ transport: 'tls', reachable: false, cause: 'tls-certificate' });
  });

  it('a TLS-only setup is judged as TLS: no UDP probe, no "UDP blocked"', async () => {
    const check = await turnReachabilityCheck([tlsUrl], { ...probes, extraCa: [cert.pem] });
    expect(check.status).not.toBe('fail');
    expect(check.findings.map((f) => f.code)).not.toContain('network.udp-blocked');
    expect(Object.keys(check.figures).filter((k) => k.startsWith('udp'))).toEqual([]);
    expect(check.figures).toMatchObject({ tlsReachable: true, tlsAddress: `127.0.0.1:${turn.tlsPort}` });
  });

  it('a closed port is "refused" on UDP and TCP, and the check fails naming what it tried', async () => {
    const port = await closedPort();
    const check = await turnReachabilityCheck([`turn:127.0.0.1:${port}`], { count: 3, intervalMs: 10, timeoutMs: 2_000 });
    expect(check.status).toBe('fail');
    expect(check.findings[0]).toMatchObject({ code: 'network.turn-unreachable', params: { cause: 'refused', tried: `UDP 127.0.0.1:${port}, TCP 127.0.0.1:${port}` } });
    expect(check.figures).toMatchObject({ udpReachable: false, tcpReachable: false, udpLossPercent: 100, udpCause: 'refused', tcpCause: 'refused' });
  });

  it('a port fetch refuses (9) gets its own cause, not "TypeError"', async () => {
    expect(await probeServer('http://127.0.0.1:9', 1, 2_000)).toMatchObject({ reachable: false, cause: 'blocked-port', detail: 'blocked-port' });
  });

  it('parses TURN URLs with their default ports and refuses anything else with a German message', () => {
    expect(parseTurnUrl('turn:turn.example.org?transport=tcp')).toEqual({ host: 'turn.example.org', port: 3478, secure: false, transport: 'tcp' });
    expect(parseTurnUrl('turns:turn.example.org')).toEqual({ host: 'turn.example.org', port: 5349, secure: true, transport: null });
    expect(parseTurnUrl('turn:[::1]:5000')).toEqual({ host: '::1', port: 5000, secure: false, transport: null });
    expect(() => parseTurnUrl('https://example.org')).toThrow(InvalidTurnUrlError);
    expect(() => parseTurnUrl('turn:host:70000')).toThrow('ist keine TURN-Adresse');
  });
});

describe('command-line mode (the real CLI, from source)', () => {
  it('writes a valid report and HTML naming the addresses tested, the app version and a zoned timestamp, and exits with the verdict code', async () => {
    const http = createHttpServer((req, res) => {
      res.writeHead(req.url === '/api/v1/health' ? 200 : 404, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const serverUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const out = join(dir, 'bericht.json');
    const html = join(dir, 'bericht.html');
    try {
      await writeFile(join(dir, 'ca.pem'), cert.pem);
      const result = await cliFromSource(['--out', out, '--html', html, '--turn', turn.urls.udp, '--turn', turn.urls.tcp, '--turn', tlsUrl, '--ca', join(dir, 'ca.pem'), '--server', serverUrl]);
      const report = await readReport(out);
      expect(result.code, result.stderr).toBe(exitCodeOf[report.verdict]);
      expect(result.stdout).toContain('Ergebnis:');
      expect(report).toMatchObject({ mode: 'cli', app: { version: await version() } });
      expect(report.createdAt).toMatch(/T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
      const network = report.checks.find((c) => c.id === 'network');
      expect(network?.findings.map((f) => f.code)).not.toContain('network.turn-unreachable');
      expect(network?.figures).toMatchObject({
        udpAddress: `127.0.0.1:${turn.port}`,
        tcpAddress: `127.0.0.1:${turn.port}`,
        tlsAddress: `127.0.0.1:${turn.tlsPort}`,
        udpReachable: true,
        tcpReachable: true,
        tlsReachable: true,
        serverUrl,
        serverReachable: true,
        serverStatus: 'HTTP 200',
        throughputKbps: null,
      });
      expect(report.checks.find((c) => c.id === 'camera')?.status).toBe('skipped');
      expect(report.checks.find((c) => c.id === 'hardware')?.figures.logicalCores).toBeGreaterThan(0);
      const page = await readFile(html, 'utf8');
      expect(page).toContain('<h1>Geräteprüfung</h1>');
      expect(page).toContain(`127.0.0.1:${turn.tlsPort}`);
    } finally {
      await new Promise((r) => http.close(r));
    }
  });

  it('a server that is down fails the network check with a sentence, exit 2', async () => {
    const out = join(dir, 'server-down.json');
    const result = await cliFromSource(['--out', out, '--turn', turn.urls.udp, '--server', `http://127.0.0.1:${await closedPort()}`]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('ist nicht erreichbar: Verbindung abgelehnt');
    const network = (await readReport(out)).checks.find((c) => c.id === 'network');
    expect(network?.findings[0]).toMatchObject({ code: 'network.server-unreachable', severity: 'fail', params: { cause: 'refused' } });
  });

  it('exits 3 on bad arguments with a German message, before probing anything', async () => {
    const noOut = await cliFromSource(['--html', 'x.html']);
    expect(noOut.code).toBe(3);
    expect(noOut.stderr).toContain('Bitte mit --out angeben');
    const badTurn = await cliFromSource(['--out', join(dir, 'never.json'), '--turn', 'https://example.org']);
    expect(badTurn.code).toBe(3);
    expect(badTurn.stderr).toContain('ist keine TURN-Adresse');
    await expect(readFile(join(dir, 'never.json'))).rejects.toThrow();
    expect(() => parseCliArgs(['--out', 'r.json', '--lang', 'fr'])).toThrow(UsageError);
    expect(parseCliArgs(['--out', 'r.json'], { BERATUNGSRAUM_TURN_URLS: 'turn:a:1, turn:b:2' }).turnUrls).toEqual(['turn:a:1', 'turn:b:2']);
  });

  it('the installed app hands everything after --readiness to the CLI', () => {
    expect(readinessAppArgs(['C:\\Programme\\Beratungsraum\\Beratungsraum.exe', '--readiness', '--out', 'C:\\Temp\\b.json'])).toEqual(['--out', 'C:\\Temp\\b.json']);
    expect(readinessAppArgs(['/opt/Beratungsraum/beratungsraum', '--readiness', 'summarize', '/srv/berichte'])).toEqual(['summarize', '/srv/berichte']);
    expect(readinessAppArgs(['/opt/Beratungsraum/beratungsraum'])).toBeNull();
  });
});

describe('standalone bundle on the system Node', () => {
  it('runs the check without npm, tsx or node_modules next to it', async () => {
    const bundleDir = join(dir, 'bundle');
    const bundle = await buildReadinessBundle(join(bundleDir, 'beratungsraum-readiness.mjs'));
    const out = join(bundleDir, 'bericht.json');
    const result = await run(process.execPath, [bundle, '--out', out, '--turn', turn.urls.udp, '--lang', 'en']);
    const report = await readReport(out);
    expect(result.code, result.stderr).toBe(exitCodeOf[report.verdict]);
    expect(result.stdout).toContain('Result:');
    expect(report.app.version).toBe(await version());
    expect(report.checks.find((c) => c.id === 'network')?.figures).toMatchObject({ udpReachable: true });
  }, 120_000);
});

describe('readiness summarize', () => {
  const base = (host: string, createdAt: string, verdictOf: 'ok' | 'fail') => ({
    schemaVersion: 1,
    id: crypto.randomUUID(),
    createdAt,
    mode: 'cli',
    app: { version: '0.1.0', platform: 'win32-x64' },
    verdict: verdictOf === 'ok' ? 'bereit' : 'nicht-bereit',
    checks: [
      {
        id: 'network',
        status: verdictOf,
        figures: {},
        findings: [verdictOf === 'ok' ? { code: 'network.ok', severity: 'info', params: { rtt: 20, jitter: 1, loss: 0, mos: 4.4, kbps: '–' } } : { code: 'network.turn-unreachable', severity: 'fail', params: { cause: 'timeout', tried: 'UDP turn.example:3478' } }],
        startedAt: createdAt,
        durationMs: 800,
      },
      { id: 'hardware', status: 'ok', figures: { hostname: host, model: 'Dell Latitude 5440', os: 'Windows 11 Pro' }, findings: [{ code: 'hardware.ok', severity: 'info', params: { cores: 8, gib: 16 } }], startedAt: createdAt, durationMs: 300 },
    ],
  });

  it('joins a folder of reports into one table per laptop (newest report wins), naming failing checks and versions', async () => {
    const fleet = join(dir, 'fleet');
    await mkdir(join(fleet, 'standort-nord'), { recursive: true });
    await writeFile(join(fleet, 'pc-001-alt.json'), JSON.stringify(base('PC-001', '2026-12-01T08:00:00.000+01:00', 'fail')));
    await writeFile(join(fleet, 'pc-001.json'), JSON.stringify(base('PC-001', '2026-12-02T08:00:00.000+01:00', 'ok')));
    await writeFile(join(fleet, 'standort-nord', 'pc-002.json'), JSON.stringify(base('PC-002', '2026-12-02T09:00:00.000+01:00', 'fail')));
    await writeFile(join(fleet, 'notizen.json'), '{"nicht": "ein Bericht"}');
    const html = join(dir, 'fleet.html');
    const result = await cliFromSource(['summarize', fleet, '--html', html]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 Geräte: 1 bereit, 0 eingeschränkt, 1 nicht bereit (1 Dateien nicht aufgenommen)');
    const page = await readFile(html, 'utf8');
    const rows = [...page.matchAll(/<tr><th scope="row">(.*?)<\/tr>/g)].map((m) => m[1] as string);
    expect(rows).toHaveLength(2);
    // Worst first, with the reason in words; PC-001 shows its newer, passing report.
    expect(rows[0]).toContain('PC-002');
    expect(rows[0]).toContain('nicht bereit');
    expect(rows[0]).toContain('Netzwerk: Der TURN-Server ist nicht erreichbar: keine Antwort');
    expect(rows[1]).toContain('PC-001');
    expect(rows[1]).toContain('alle bestanden');
    expect(rows[1]).toContain('0.1.0');
    expect(page).toContain('notizen.json');
  });

  it('exits 3 when the folder is missing or holds no report', async () => {
    const missing = await cliFromSource(['summarize', join(dir, 'gibt-es-nicht')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('ließ sich nicht lesen');
    const empty = join(dir, 'leer');
    await mkdir(empty);
    const none = await cliFromSource(['summarize', empty]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('liegt kein Bericht');
  });
});

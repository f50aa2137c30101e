import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { main, parseCliArgs, UsageError } from '../../../src-main/services/readiness/cli.js';
import { turnReachabilityCheck } from '../../../src-main/services/readiness/automatic-checks.js';
import { parseTurnUrl, probeTurn, InvalidTurnUrlError } from '../../../src-main/services/readiness/stun-probe.js';
import { ReadinessReport } from '../../../src-shared/readiness/report.js';
import { exitCodeOf } from '../../../src-shared/readiness/verdict.js';
import { startCoturn, type TestTurn } from '../../support/coturn.js';

let turn: TestTurn;
let dir: string;

beforeAll(async () => {
  turn = await startCoturn({ address: '127.0.0.1' });
  dir = await mkdtemp(join(tmpdir(), 'br-readiness-cli-'));
});
afterAll(async () => {
  await turn?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fastProbes = { count: 10, intervalMs: 10, timeoutMs: 500 };

/** A port nobody listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('STUN probes against a real coturn', () => {
  it('reaches TURN over UDP and TCP with a round trip and no loss', async () => {
    for (const transport of ['udp', 'tcp'] as const) {
      const link = await probeTurn({ host: turn.address, port: turn.port }, transport, fastProbes);
      expect(link, transport).toMatchObject({ transport, reachable: true, lossPercent: 0 });
      // Only that a round trip was measured: speed is the benchmark's business, not a test's.
      expect(link.rttMs).toBeGreaterThan(0);
    }
  });

  it('reports an unreachable server as 100 % loss, and the check fails', async () => {
    const port = await closedPort();
    const check = await turnReachabilityCheck([`turn:127.0.0.1:${port}?transport=udp`], { count: 3, intervalMs: 10, timeoutMs: 300 });
    expect(check.status).toBe('fail');
    expect(check.findings[0]?.code).toBe('network.turn-unreachable');
    expect(check.figures).toMatchObject({ udpReachable: false, tcpReachable: false, udpLossPercent: 100 });
  });

  it('parses TURN URLs and refuses anything else with a German message', () => {
    expect(parseTurnUrl('turn:turn.example.org?transport=tcp')).toEqual({ host: 'turn.example.org', port: 3478, transport: 'tcp' });
    expect(parseTurnUrl('turn:[::1]:5000')).toEqual({ host: '::1', port: 5000, transport: null });
    expect(() => parseTurnUrl('https://example.org')).toThrow(InvalidTurnUrlError);
  });
});

describe('command-line mode', () => {
  it('writes a valid JSON report and HTML, and exits with the verdict code', async () => {
    const out = join(dir, 'bericht.json');
    const html = join(dir, 'bericht.html');
    const code = await main(['--out', out, '--html', html, '--turn', turn.urls.udp, '--turn', turn.urls.tcp]);
    const report = ReadinessReport.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(code).toBe(exitCodeOf[report.verdict]);
    expect(report.mode).toBe('cli');
    const network = report.checks.find((c) => c.id === 'network');
    // Reachable both ways; whether RTT counts as good depends on this machine's load, which a test must not judge.
    expect(network?.findings.map((f) => f.code)).not.toContain('network.turn-unreachable');
    expect(network?.figures).toMatchObject({ udpReachable: true, tcpReachable: true, throughputKbps: null });
    expect(report.checks.find((c) => c.id === 'camera')?.status).toBe('skipped');
    expect(report.checks.find((c) => c.id === 'hardware')?.figures.logicalCores).toBeGreaterThan(0);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<h1>Geräteprüfung</h1>');
    expect(page).toContain('Netzwerk');
  });

  it('probes the server health endpoint given with --server, and fails the network check when it is down', async () => {
    const http = createHttpServer((req, res) => {
      res.writeHead(req.url === '/api/v1/health' ? 200 : 404, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const { port } = http.address() as { port: number };
    try {
      const up = join(dir, 'server-up.json');
      await main(['--out', up, '--turn', turn.urls.udp, '--server', `http://127.0.0.1:${port}`]);
      const network = ReadinessReport.parse(JSON.parse(await readFile(up, 'utf8'))).checks.find((c) => c.id === 'network');
      expect(network?.figures).toMatchObject({ serverReachable: true, serverStatus: 'HTTP 200' });
      expect(network?.findings.map((f) => f.code)).not.toContain('network.server-unreachable');
    } finally {
      await new Promise((r) => http.close(r));
    }
    const down = join(dir, 'server-down.json');
    expect(await main(['--out', down, '--turn', turn.urls.udp, '--server', `http://127.0.0.1:${await closedPort()}`])).toBe(2);
    const network = ReadinessReport.parse(JSON.parse(await readFile(down, 'utf8'))).checks.find((c) => c.id === 'network');
    expect(network?.findings[0]).toMatchObject({ code: 'network.server-unreachable', severity: 'fail', params: { detail: 'ECONNREFUSED' } });
    expect(await main(['--out', down, '--server', 'ftp://example.org', '--turn', turn.urls.udp])).toBe(3);
  });

  it('exits 2 (nicht bereit) when TURN cannot be reached', async () => {
    const out = join(dir, 'unreachable.json');
    expect(await main(['--out', out, '--turn', `turn:127.0.0.1:${await closedPort()}`])).toBe(2);
    expect(ReadinessReport.parse(JSON.parse(await readFile(out, 'utf8'))).verdict).toBe('nicht-bereit');
  });

  it('exits 3 on bad arguments, and takes TURN URLs from the environment', async () => {
    expect(await main(['--html', 'x.html'])).toBe(3);
    expect(() => parseCliArgs(['--out', 'r.json', '--lang', 'fr'])).toThrow(UsageError);
    expect(parseCliArgs(['--out', 'r.json'], { BERATUNGSRAUM_TURN_URLS: 'turn:a:1, turn:b:2' }).turnUrls).toEqual(['turn:a:1', 'turn:b:2']);
  });
});

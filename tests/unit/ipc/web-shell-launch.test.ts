/**
 * H1 of issue 13: the web shell's address stands on Chromium's command line, which every local user reads in
 * /proc/<pid>/cmdline. These tests start the real back office and web-shell host, put the address on a process's
 * command line exactly as the app window gets it, let the page trade its launch code, and then let a process of
 * ANOTHER uid (`nobody`, when the tests run as root) harvest every address and token it can read in /proc and try
 * them all. It must get no token and no data. Without root the same probe runs as the own uid: then it shows
 * that what the command line shows is worth nothing once the page has used it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startBackOffice, type BackOffice } from '../../../src-main/back-office.js';
import { appWindowArgs, browserEnvironment } from '../../../src-main/web-shell/browser.js';
import { LAUNCH_CODE_TTL_MS, startWebShellHost, type WebShellHost } from '../../../src-main/web-shell/host.js';

const asOtherUser = process.getuid?.() === 0 && existsSync('/usr/sbin/runuser');

let dir: string;
let office: BackOffice;
let host: WebShellHost;
let clock = Date.now();

beforeAll(async () => {
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmpdir(), `no-such-bus-${randomUUID()}`)}`);
  dir = mkdtempSync(join(tmpdir(), 'br-launch-'));
  office = await startBackOffice({ shell: 'web', dataDir: join(dir, 'data'), log: () => {} });
  host = await startWebShellHost({ backOffice: office, rendererDir: join(dir, 'renderer'), now: () => clock });
});
afterAll(async () => {
  await host.close();
  await office.close();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('launch') ?? '';

async function trade(code: string, origin = host.origin): Promise<{ status: number; body: string }> {
  const reply = await fetch(`${host.origin}/launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ code }),
  });
  return { status: reply.status, body: await reply.text() };
}

/** Opens the IPC socket and makes one data call; the reply, or the HTTP status that refused the upgrade. */
function callOverIpc(token: string): Promise<unknown> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${encodeURIComponent(token)}`, { origin: host.origin });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
    socket.on('error', () => undefined);
    socket.on('open', () => socket.send(JSON.stringify({ kind: 'call', id: 1, method: 'store.status', payload: {} })));
    socket.on('message', (data) => {
      resolve(JSON.parse(String(data)));
      socket.close();
    });
  });
}

/**
 * The attacker: reads every command line and environment it may, picks out launch codes and tokens, and tries
 * each as a launch code and as the session token, with the app's Origin header (a local process can send any).
 * Only Node's built-ins, so it runs as any user.
 */
const PROBE = String.raw`
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
const origin = process.argv[2];
const found = new Set();
const readable = { cmdline: 0, environ: 0 };
for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
  for (const file of ['cmdline', 'environ']) {
    let text;
    try { text = readFileSync('/proc/' + pid + '/' + file, 'latin1'); readable[file] += 1; } catch { continue; }
    for (const match of text.matchAll(/(?:launch|token)=([A-Za-z0-9_-]{20,})/g)) found.add(match[1]);
  }
}
const send = (path, method, headers, body) => new Promise((resolve) => {
  const req = request(origin + path, { method, headers: { Origin: origin, ...headers } }, (res) => {
    let text = ''; res.setEncoding('utf8'); res.on('data', (c) => (text += c)); res.on('end', () => resolve({ status: res.statusCode, text }));
  });
  req.on('upgrade', (res, socket) => { socket.destroy(); resolve({ status: 101, text: '' }); });
  req.on('error', () => resolve({ status: 0, text: '' }));
  req.end(body);
});
const attempts = [];
for (const secret of found) {
  const launch = await send('/launch', 'POST', { 'Content-Type': 'application/json' }, JSON.stringify({ code: secret }));
  const ipc = await send('/ipc?token=' + secret, 'GET', { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' });
  attempts.push({ secret, launch: launch.status, launchBody: launch.text, ipc: ipc.status });
}
console.log(JSON.stringify({ uid: process.getuid(), readable, found: [...found], attempts }));
`;

interface ProbeReport {
  uid: number;
  readable: { cmdline: number; environ: number };
  found: string[];
  attempts: { secret: string; launch: number; launchBody: string; ipc: number }[];
}

/** Runs the probe asynchronously: the host under attack lives in this very process and must keep answering. */
async function runProbe(): Promise<ProbeReport> {
  const probeDir = mkdtempSync(join(tmpdir(), 'br-probe-'));
  chmodSync(probeDir, 0o755);
  const probe = join(probeDir, 'probe.mjs');
  writeFileSync(probe, PROBE, { mode: 0o644 });
  const command = asOtherUser ? ['/usr/sbin/runuser', '-u', 'nobody', '--', process.execPath, probe, host.origin] : [process.execPath, probe, host.origin];
  const child = spawn(command[0]!, command.slice(1), { cwd: probeDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  rmSync(probeDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`probe failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as ProbeReport;
}

describe('web-shell launch code (H1)', () => {
  it(`${asOtherUser ? 'a process of uid nobody' : 'a process'} that reads the app window's command line gets no token and no data`, async () => {
    const url = host.launchUrl();
    // Stand-in for Chromium: a process with exactly the app window's arguments and environment.
    const browser: ChildProcess = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)', '--', ...appWindowArgs(url, join(dir, 'profile'), false)], {
      stdio: 'ignore',
      env: browserEnvironment(process.env),
    });
    try {
      // The app's page trades the code, as src-renderer/bridge/web-shell-transport.ts does, and reaches its data.
      const granted = await trade(codeOf(url));
      expect(granted.status).toBe(200);
      const { token } = JSON.parse(granted.body) as { token: string };
      expect(await callOverIpc(token)).toMatchObject({ kind: 'result', id: 1, result: { ok: true } });

      const seen = await runProbe();
      if (asOtherUser) expect(seen.uid).not.toBe(process.getuid?.());
      // The attacker did read the address from the command line, exactly as the review did...
      expect(seen.found).toContain(codeOf(url));
      // ...but never the session token, and nothing it found opens the back office.
      expect(seen.found).not.toContain(token);
      expect(seen.attempts.length).toBeGreaterThan(0);
      for (const attempt of seen.attempts) {
        expect(attempt.launch, attempt.secret).toBe(401);
        expect(attempt.launchBody).toBe('');
        expect(attempt.ipc, attempt.secret).toBe(401);
      }
    } finally {
      browser.kill();
    }
  });

  it('hands the browser only the environment it needs to show a window, never the shell’s own settings or secrets', () => {
    const env = browserEnvironment({ PATH: '/usr/bin', DISPLAY: ':0', BERATUNGSRAUM_POLICY_FILE: '/etc/x', HTTPS_PROXY: 'http://user:pw@proxy', NODE_OPTIONS: '--inspect' });
    expect(env).toEqual({ PATH: '/usr/bin', DISPLAY: ':0' });
  });

  it('a code is good for one trade: the second gets 401 and no token, as do a foreign origin, garbage and an expired code', async () => {
    const code = codeOf(host.launchUrl());
    expect((await trade(code, 'https://evil.example')).status).toBe(403);
    expect((await trade(code)).status).toBe(200);
    expect(await trade(code)).toEqual({ status: 401, body: '' });
    expect(await callOverIpc(code)).toBe(401);
    expect((await trade('not-a-code')).status).toBe(401);

    const late = codeOf(host.launchUrl());
    clock += LAUNCH_CODE_TTL_MS + 1;
    expect(await trade(late)).toEqual({ status: 401, body: '' });

    const notJson = await fetch(`${host.origin}/launch`, { method: 'POST', headers: { Origin: host.origin }, body: '{' });
    expect(notJson.status).toBe(401);
  });

  it('every address carries a code of its own, and no address carries the session token', async () => {
    const first = host.launchUrl();
    const second = host.launchUrl();
    expect(codeOf(first)).not.toBe(codeOf(second));
    const { token } = JSON.parse((await trade(codeOf(first))).body) as { token: string };
    expect(first).not.toContain(token);
    expect(second).not.toContain(token);
    expect((await trade(codeOf(second))).status).toBe(200);
  });
});

/**
 * A real coturn for tests, in `use-auth-secret` mode (the project's server hands out HMAC credentials for it),
 * listening on loopback for Node clients, or inside a test network namespace so Chromium can reach it (see netns.ts). UDP and TCP on one port,
 * TLS on a second one when a certificate is given; no DTLS, no CLI, no database.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where coturn runs: an address to listen on, and how to start a process there (a namespace, or right here). */
import type { TestNetwork } from './netns.js';

export interface TurnHost {
  readonly address: string;
  readonly spawn?: (command: string, args: readonly string[], options?: SpawnOptions) => ChildProcess;
}

/** Resolves once a TCP connection to the port succeeds (coturn prints no line when its listeners are bound). */
async function waitForPort(host: string, port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`coturn on ${host}:${port} did not accept connections in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestTurn {
  readonly address: string;
  readonly port: number;
  /** The TLS port, when started with a certificate. */
  readonly tlsPort: number | null;
  readonly secret: string;
  readonly urls: { udp: string; tcp: string; tls: string | null };
  /** Time-limited credentials as the server would mint them (draft-uberti-behave-turn-rest). */
  credentials(user?: string): { username: string; credential: string };
  stop(): Promise<void>;
}

/** `startCoturn({ address: '127.0.0.1' })` for Node clients; `startCoturn(createTestNetwork())` for Chromium. */
export async function startCoturn(where: TurnHost | TestNetwork, tls?: { certFile: string; keyFile: string }): Promise<TestTurn> {
  const host: TurnHost = 'nsAddress' in where ? { address: where.nsAddress, spawn: where.spawn } : where;
  const port = randomInt(20_000, 40_000);
  const tlsPort = tls ? port + 1 : null;
  const secret = randomBytes(16).toString('hex');
  const address = host.address;
  const run = host.spawn ?? ((command: string, args: readonly string[], options: SpawnOptions = {}) => spawn(command, [...args], options));
  // Its own database and pid file: coturn's defaults under /var are shared by every instance on the machine.
  const dir = await mkdtemp(join(tmpdir(), 'br-coturn-'));
  const child: ChildProcess = run(
    'turnserver',
    [
      '-n',
      '--listening-ip', address,
      '--relay-ip', address,
      '--listening-port', String(port),
      '--min-port', '49152',
      '--max-port', '49352',
      '--use-auth-secret',
      '--static-auth-secret', secret,
      '--realm', 'beratungsraum.test',
      '--fingerprint',
      ...(tls && tlsPort ? ['--tls-listening-port', String(tlsPort), '--cert', tls.certFile, '--pkey', tls.keyFile] : ['--no-tls']),
      '--no-dtls',
      '--no-cli',
      '--no-software-attribute',
      '--log-file', 'stdout',
      '--simple-log',
      '--userdb', join(dir, 'turndb'),
      '--pidfile', join(dir, 'turnserver.pid'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const onData = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`coturn exited with ${code}:\n${log}`))));
  exited.catch(() => undefined);
  try {
    // Generous: on a loaded 2-core CI machine coturn has been seen to take more than 10 s to listen.
    await Promise.race([waitForPort(address, port, Date.now() + 30_000), exited]);
    if (tlsPort) await Promise.race([waitForPort(address, tlsPort, Date.now() + 30_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    address,
    port,
    tlsPort,
    secret,
    urls: { udp: `turn:${address}:${port}?transport=udp`, tcp: `turn:${address}:${port}?transport=tcp`, tls: tlsPort ? `turns:${address}:${tlsPort}?transport=tcp` : null },
    credentials(user = 'readiness-test') {
      const username = `${Math.floor(Date.now() / 1000) + 3600}:${user}`;
      return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

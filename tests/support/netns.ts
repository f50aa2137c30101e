/**
 * A private test network: a network namespace joined to the test's own namespace by a veth pair, each end with
 * an address of a /30 in 10.231.0.0/16. Chromium does not use loopback for WebRTC, so a TURN server (or a peer)
 * that a browser must reach goes inside the namespace, and the browser talks to it over the veth pair. Traffic
 * stays between these two interfaces on this machine.
 *
 * Robust by construction: names and the subnet are unique per call (pid + counter + random, and a subnet no
 * interface here already uses); `close()` removes everything, and an exit hook removes whatever a crashed or
 * interrupted test left behind. Needs root (or CAP_NET_ADMIN) and iproute2.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomInt } from 'node:crypto';

export interface TestNetwork {
  /** Namespace name, for `ip netns exec`. */
  readonly name: string;
  /** Address of the test's own end (the browser's side). */
  readonly hostAddress: string;
  /** Address inside the namespace (where servers listen). */
  readonly nsAddress: string;
  /** Starts a process inside the namespace. */
  spawn(command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** Runs a command inside the namespace and returns its output. */
  exec(command: string, args: readonly string[]): string;
  close(): void;
}

const live = new Set<string>();
let counter = 0;
let hooked = false;

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function removeNamespace(name: string): void {
  // Deleting the namespace destroys its veth end, and with it the peer in our namespace.
  try {
    ip('netns', 'del', name);
  } catch {
    // Already gone.
  }
  live.delete(name);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const cleanup = (): void => [...live].forEach(removeNamespace);
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.kill(process.pid, signal);
    });
  }
}

function freeSubnet(): number {
  const used = ip('-4', '-o', 'addr', 'show');
  for (let attempt = 0; attempt < 50; attempt++) {
    const block = randomInt(0, 16_384);
    const third = Math.floor(block / 64);
    const fourth = (block % 64) * 4;
    if (!used.includes(`10.231.${third}.${fourth + 1}/`) && !used.includes(`10.231.${third}.${fourth + 2}/`)) return block;
  }
  throw new Error('Kein freies /30-Netz in 10.231.0.0/16 gefunden.');
}

export class NetnsUnavailableError extends Error {
  override readonly name = 'NetnsUnavailableError';
}

/** Throws NetnsUnavailableError (with the reason) where namespaces cannot be made: not root, no iproute2. */
export function createTestNetwork(): TestNetwork {
  hookExit();
  const id = `${process.pid % 100_000}${(counter++ % 10).toString()}${randomInt(0, 36 ** 2).toString(36)}`;
  // Interface names are limited to 15 characters.
  const name = `br-t${id}`;
  const hostIf = `brh${id}`.slice(0, 15);
  const nsIf = `brn${id}`.slice(0, 15);
  const block = freeSubnet();
  const base = `10.231.${Math.floor(block / 64)}.`;
  const fourth = (block % 64) * 4;
  const hostAddress = `${base}${fourth + 1}`;
  const nsAddress = `${base}${fourth + 2}`;
  try {
    ip('netns', 'add', name);
  } catch (error) {
    throw new NetnsUnavailableError(`Netzwerk-Namensraum nicht anlegbar (root und iproute2 nötig): ${error instanceof Error ? error.message : String(error)}`);
  }
  live.add(name);
  try {
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${nsAddress}/30`, 'dev', nsIf);
    ip('netns', 'exec', name, 'ip', 'link', 'set', nsIf, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    try {
      ip('link', 'del', hostIf);
    } catch {
      // Never created, or went with the namespace.
    }
    removeNamespace(name);
    throw error;
  }
  return {
    name,
    hostAddress,
    nsAddress,
    spawn: (command, args, options = {}) => spawn('ip', ['netns', 'exec', name, command, ...args], options),
    exec: (command, args) => ip('netns', 'exec', name, command, ...args),
    close: () => removeNamespace(name),
  };
}

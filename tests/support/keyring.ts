/**
 * A real, private Secret Service for keychain tests: a session `dbus-daemon` and `gnome-keyring-daemon`
 * (Debian packages dbus, gnome-keyring) with HOME and XDG_* in a temp folder, the login keyring created and
 * unlocked by piping a password to `--unlock`. Nothing is mocked: @napi-rs/keyring talks D-Bus to it exactly as
 * on a counsellor's Linux desktop. `stop()` ends both daemons by pid and removes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateKeyring {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus. */
  readonly busAddress: string;
  /** The environment a child process needs to reach this keyring. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what} antwortet nicht:\n${err}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} beendet (${code}):\n${err}`));
    });
  });
}

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export async function startPrivateKeyring(password = 'keyring-test-password'): Promise<PrivateKeyring> {
  const home = await mkdtemp(join(tmpdir(), 'br-keyring-'));
  const runtime = join(home, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };

  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { env: base, stdio: ['ignore', 'pipe', 'pipe'] });
  let keyring: ChildProcess | null = null;
  try {
    const busAddress = await firstLine(bus, 'dbus-daemon');
    const env = { ...base, DBUS_SESSION_BUS_ADDRESS: busAddress };
    // --foreground keeps it our child (stoppable by pid); --unlock reads the login keyring password from stdin.
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    keyring.stdin?.end(password);
    // In the foreground it prints nothing; it is ready once it owns the Secret Service name on the bus.
    await waitForSecretService(env, keyring);
    const started = keyring;
    return {
      busAddress,
      env,
      async stop() {
        await stopChild(started);
        await stopChild(bus);
        await rm(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (keyring) await stopChild(keyring);
    await stopChild(bus);
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}

/** gnome-keyring claims org.freedesktop.secrets shortly after printing its environment. */
async function waitForSecretService(env: NodeJS.ProcessEnv, daemon: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (daemon.exitCode !== null) throw new Error(`gnome-keyring-daemon beendet (${daemon.exitCode}).`);
    const owned = await new Promise<boolean>((resolve) => {
      const probe = spawn('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      probe.once('exit', () => resolve(/boolean true/.test(out)));
    });
    if (owned) return;
    if (Date.now() > deadline) throw new Error('gnome-keyring-daemon stellt org.freedesktop.secrets nicht bereit.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

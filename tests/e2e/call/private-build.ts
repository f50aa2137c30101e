/**
 * The web shell from a private copy of `out/` (with the project's node_modules linked beside it), so that a
 * rebuild of the shared working tree during a long call test cannot remove the files the test is serving.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface PrivateWebShell {
  readonly url: string;
  readonly token: string;
  /** The copied renderer build (index.html, guest.html, assets/), for the server's guest page too. */
  readonly rendererDir: string;
  stop(): Promise<void>;
}

export async function launchPrivateWebShell(): Promise<PrivateWebShell> {
  const root = await mkdtemp(join(tmpdir(), 'br-call-build-'));
  await cp(resolve('out'), join(root, 'out'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  await symlink(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  const dataDir = join(root, 'data');
  const child = spawn(process.execPath, [join(root, 'out/main/web-shell.js'), '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('Web shell did not print WEB_SHELL_URL within 15 s')), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('WEB_SHELL_URL=')) return;
      clearTimeout(timer);
      done(line.slice('WEB_SHELL_URL='.length));
    });
    child.once('exit', (code) => fail(new Error(`Web shell exited with ${code}; run "npm run build" first.`)));
  });
  return {
    url,
    token: new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '',
    rendererDir: join(root, 'out/renderer'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A bench's own helper processes (the server under test, a baseline relay): each runs `node --import tsx <script>`
 * and prints `{"url": …}` on its first line once it listens, so it is measured apart from the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BenchProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startBenchProcess(script: string, env: NodeJS.ProcessEnv = {}): Promise<BenchProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} beendet (${code})`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    child,
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

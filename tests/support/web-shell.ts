/**
 * Playwright fixtures for the web shell: a real back office (out/main/web-shell.js, built by `npm run build`)
 * per test file, a page that opened it with the token, and a recorder of console errors and CSP violations.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface WebShell {
  /** A fresh address with a one-time launch code, as `npm start` prints it: good for one page load. */
  launchUrl(): Promise<string>;
  readonly origin: string;
  /** The session token, traded for a launch code the way the page does it, for tests that set up data over IPC. */
  readonly token: string;
  readonly dataDir: string;
}

export interface LaunchOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Serve a private copy of this build folder (with the project's node_modules linked beside it) instead of
   * `out/` itself, so a rebuild of the working tree during a long test or benchmark cannot pull files from
   * under it.
   */
  readonly privateCopyOf?: string;
  /**
   * The profile folder (the user's data): pass the `dataDir` of an earlier shell to start the app again on it,
   * as a restart does, untouched. It is left in place by `stop()`. Default: a fresh folder, removed by `stop()`.
   */
  readonly dataDir?: string;
  /**
   * `fresh`: the first-run welcome shows, as on a new laptop. Default: it was finished already, so tests of other
   * areas see their view at once (the welcome takes the place of every view until finished or skipped).
   * Not used with `dataDir`: an existing profile stays as it is.
   */
  readonly firstRun?: 'fresh' | 'done';
}

export interface LaunchedWebShell extends WebShell {
  /** The renderer build being served (index.html, guest.html, assets/), e.g. for the server's guest page. */
  readonly rendererDir: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function launchWebShell(options: LaunchOptions = {}): Promise<LaunchedWebShell> {
  const root = await mkdtemp(join(tmpdir(), 'beratungsraum-e2e-'));
  let outDir = resolve('out');
  if (options.privateCopyOf) {
    outDir = join(root, 'out');
    await cp(resolve(options.privateCopyOf), outDir, { recursive: true });
    await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await symlink(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  }
  const dataDir = options.dataDir ?? join(root, 'data');
  if (options.firstRun !== 'fresh' && options.dataDir === undefined) {
    await mkdir(dataDir, { recursive: true });
    // The file the welcome writes when it is finished (src-main/services/policy/first-run.ts).
    await writeFile(join(dataDir, 'first-run.json'), JSON.stringify({ completedAt: new Date().toISOString() }));
  }
  const child = spawn(process.execPath, [join(outDir, 'main/web-shell.js'), '--no-open', '--data-dir', dataDir], {
    // stdin is a pipe: each line written to it makes the shell print a fresh launch address.
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  const printed: string[] = [];
  const waiting: { resolve(url: string): void; reject(error: Error): void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('WEB_SHELL_URL=')) return;
    const url = line.slice('WEB_SHELL_URL='.length);
    const next = waiting.shift();
    if (next) next.resolve(url);
    else printed.push(url);
  });
  child.once('exit', (code) => {
    for (const next of waiting.splice(0)) next.reject(new Error(`Web shell exited early with code ${code}; did you run "npm run build"?`));
  });
  const nextUrl = (what: string) =>
    new Promise<string>((resolveUrl, reject) => {
      const ready = printed.shift();
      if (ready) return resolveUrl(ready);
      const timer = setTimeout(() => reject(new Error(`Web shell did not print ${what} within 15 s`)), 15_000);
      waiting.push({
        resolve: (url) => (clearTimeout(timer), resolveUrl(url)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  const launchUrl = () => {
    child.stdin!.write('\n');
    return nextUrl('a fresh launch address');
  };
  const first = await nextUrl('WEB_SHELL_URL');
  const origin = new URL(first).origin;
  const token = await tradeLaunchCode(first);
  return {
    launchUrl,
    origin,
    token,
    dataDir,
    rendererDir: join(outDir, 'renderer'),
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        // A clean shutdown takes well under a second; a host stuck in it must not hang the test run.
        const stuck = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(stuck);
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Trades the launch code of `url` for the session token, as the page does (POST /launch from the app's origin). */
export async function tradeLaunchCode(url: string): Promise<string> {
  const parsed = new URL(url);
  const code = new URLSearchParams(parsed.hash.slice(1)).get('launch') ?? '';
  const reply = await fetch(new URL('/launch', parsed.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: parsed.origin },
    body: JSON.stringify({ code }),
  });
  if (!reply.ok) throw new Error(`The web shell refused its own launch code: ${reply.status}`);
  return ((await reply.json()) as { token: string }).token;
}

export interface PageProblems {
  readonly consoleErrors: string[];
  readonly cspViolations: string[];
}

/** Records what must never happen on a page of ours: console errors, uncaught exceptions, CSP violations. */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/Content.Security.Policy/i.test(message.text())) problems.cspViolations.push(message.text());
    else problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(error.message));
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}

export const test = base.extend<{ app: Page; problems: PageProblems }, { webShell: WebShell }>({
  webShell: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shell = await launchWebShell();
      await use(shell);
      await shell.stop();
    },
    { scope: 'worker' },
  ],
  problems: async ({ page }, use) => {
    await use(await watchProblems(page));
  },
  app: async ({ page, webShell, problems }, use) => {
    void problems; // attach the recorder before the page loads
    await page.goto(await webShell.launchUrl());
    await expect(page.getByRole('navigation')).toBeVisible();
    await use(page);
  },
});

export { expect };

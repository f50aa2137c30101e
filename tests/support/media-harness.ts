/**
 * Builds tests/e2e/readiness/harness with Vite (the same media-assets plugin as the app) and serves it on
 * 127.0.0.1 with the renderer's security headers, so browser tests and benchmarks exercise the media code under
 * the app's real CSP.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { PAGE_SECURITY_HEADERS } from '../../src-shared/web/page-security.js';
import { mediaAssets, mimeOf } from '../../scripts/media-assets.mjs';

export interface MediaHarness {
  readonly url: string;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../e2e/readiness/harness');

export async function startMediaHarness(): Promise<MediaHarness> {
  const outDir = await mkdtemp(join(tmpdir(), 'br-media-harness-'));
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [mediaAssets()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, target: 'chrome130', minify: false },
  });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] as string)).replace(/^(\.\.[/\\])+/, '');
      const file = join(outDir, path === '/' ? 'index.html' : path);
      try {
        const body = await readFile(file);
        res.writeHead(200, { ...PAGE_SECURITY_HEADERS, 'Content-Type': extname(file) === '.html' ? 'text/html; charset=utf-8' : mimeOf(file) });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise((r) => server.close(r));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

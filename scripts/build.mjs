// Builds everything `npm start`, the tests and electron-builder need into out/:
//   out/renderer  the UI (Vite)            out/main     Electron entry, web-shell entry (esbuild, ESM)
//   out/preload   the sandboxed preload (esbuild, CommonJS: sandboxed preloads cannot be ES modules)
//   out/readiness the device check's standalone command line for the system Node (readiness-bundle.mjs)
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFile, rm } from 'node:fs/promises';
import { buildReadinessBundle } from './readiness-bundle.mjs';

const started = Date.now();
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const step = (label) => process.stdout.write(`• ${label}\n`);

await rm('out', { recursive: true, force: true });

step('Oberfläche (Vite) …');
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Dependencies stay in node_modules: native modules must be rebuilt for Electron at packaging time.
  packages: 'external',
  define: { __APP_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
};

step('Hintergrunddienst (esbuild) …');
await esbuild({
  ...node,
  format: 'esm',
  entryPoints: { electron: 'src-main/shell/main.ts', 'web-shell': 'src-main/web-shell/main.ts' },
  outdir: 'out/main',
  external: ['electron'],
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

step('Preload (esbuild) …');
await esbuild({
  ...node,
  // The sandboxed preload can require nothing but 'electron': everything else is bundled in.
  packages: 'bundle',
  external: ['electron'],
  format: 'cjs',
  platform: 'browser',
  entryPoints: { preload: 'src-preload/preload.ts' },
  outdir: 'out/preload',
  outExtension: { '.js': '.cjs' },
});

step('Geräteprüfung für die Kommandozeile (esbuild) …');
await buildReadinessBundle();

step(`Fertig in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

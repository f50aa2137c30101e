// The device check's command line as one self-contained file for IT support's system Node (>= 20), no npm and
// no app install needed: `node beratungsraum-readiness.mjs --out bericht.json`. Everything is bundled in
// (systeminformation and zod are plain JavaScript); the version is stamped like the app's.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

export const READINESS_BUNDLE = 'out/readiness/beratungsraum-readiness.mjs';

export async function buildReadinessBundle(outfile = READINESS_BUNDLE) {
  const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  await build({
    entryPoints: [new URL('../src-main/services/readiness/main.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS packages call require(); an ESM file has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    define: { __APP_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
  return outfile;
}

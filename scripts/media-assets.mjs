// The segmentation and face models and the MediaPipe wasm runtime, copied from their npm packages into the
// renderer's output under `media/`, so they load from the app's own origin: nothing is fetched from the internet
// at run time. One list serves the Vite build, the dev server and the test harness.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not require.resolve: tasks-vision's "exports" hide package.json and the wasm folder.
const packageDir = (name) => fileURLToPath(new URL(`../node_modules/${name}/`, import.meta.url));

/** Output path (under the renderer root) → file in node_modules. */
export function mediaAssetFiles() {
  const vision = join(packageDir('@mediapipe/tasks-vision'), 'wasm');
  const twilio = join(packageDir('@twilio/video-processors'), 'dist', 'build');
  const human = join(packageDir('@vladmandic/human'), 'models');
  const wasm = ['vision_wasm_internal', 'vision_wasm_module_internal', 'vision_wasm_nosimd_internal'].flatMap((base) => [
    [`media/wasm/${base}.js`, join(vision, `${base}.js`)],
    [`media/wasm/${base}.wasm`, join(vision, `${base}.wasm`)],
  ]);
  return new Map([
    ...wasm,
    ['media/models/selfie_segmentation_landscape.tflite', join(twilio, 'selfie_segmentation_landscape.tflite')],
    // Human's BlazeFace (a TF.js graph model): the tflite face models on npm lack the metadata tasks-vision requires.
    ['media/models/human/blazeface.json', join(human, 'blazeface.json')],
    ['media/models/human/blazeface.bin', join(human, 'blazeface.bin')],
  ]);
}

const MIME = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.tflite': 'application/octet-stream', '.css': 'text/css' };
export const mimeOf = (path) => MIME[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Vite plugin: serves the files in dev, emits them in the build. */
export function mediaAssets() {
  const files = mediaAssetFiles();
  return {
    name: 'beratungsraum-media-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0].replace(/^\/+/, '');
        const source = files.get(path);
        if (!source) return next();
        res.setHeader('Content-Type', mimeOf(path));
        createReadStream(source).pipe(res);
      });
    },
    async generateBundle() {
      for (const [fileName, source] of files) this.emitFile({ type: 'asset', fileName, source: await readFile(source) });
    },
  };
}

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { mediaAssets } from './scripts/media-assets.mjs';

/** The renderer (and, later, the guest page) as static files; both shells serve them from `out/renderer`. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  // Relative URLs work under app://beratungsraum/ (Electron) and http://127.0.0.1:port/ (web shell) alike.
  base: './',
  // mediaAssets: segmentation/face models and the MediaPipe wasm under media/, served from the app's own origin.
  plugins: [react(), mediaAssets()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // No data: URIs for scripts or styles, so the CSP can stay strict.
    assetsInlineLimit: 0,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'src-renderer/index.html'),
        guest: resolve(import.meta.dirname, 'src-renderer/guest.html'),
      },
    },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { mediaAssets } from './scripts/media-assets.mjs';
import { PAGE_CSP } from './src-shared/web/page-security.js';

/**
 * Writes the one page policy into each HTML file's CSP meta tag, so the copy a saved page carries cannot drift
 * from the header the shells and the server send. `frame-ancestors` is left out: in a meta tag Chromium ignores
 * it and logs an error.
 */
const metaCsp = PAGE_CSP.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
const cspMeta = () => ({
  name: 'beratungsraum-csp-meta',
  transformIndexHtml: (html: string) => html.replace('__PAGE_CSP__', metaCsp),
});

/** The renderer and the guest page as static files: the shells serve `index.html`, the server `guest.html`. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  // Relative URLs work under app://beratungsraum/ (Electron) and http://127.0.0.1:port/ (web shell) alike.
  base: './',
  // mediaAssets: segmentation/face models and the MediaPipe wasm under media/, served from the app's own origin.
  plugins: [react(), mediaAssets(), cspMeta()],
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

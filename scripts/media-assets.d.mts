import type { Plugin } from 'vite';

/** Output path (under the renderer root) → file in node_modules. */
export function mediaAssetFiles(): Map<string, string>;
export function mimeOf(path: string): string;
/** Vite plugin: serves the media files in dev, emits them in the build. */
export function mediaAssets(): Plugin;

/**
 * The app's version: stamped into the bundle by the build (scripts/build.mjs); run from source (tsx, tests) it is
 * read from package.json, the one place the version is kept — a report from `npm run readiness` must name the
 * same version as the app built from that checkout.
 */
import { readFileSync } from 'node:fs';

declare const __APP_VERSION__: string | undefined;

let fromSource: string | null = null;

function sourceVersion(): string {
  try {
    const parsed = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0-dev';
  } catch {
    return '0.0.0-dev';
  }
}

export const appVersion = (): string => (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (fromSource ??= sourceVersion()));

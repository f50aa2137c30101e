/**
 * Entry of the web shell: `node out/main/web-shell.js [--port N] [--no-open] [--data-dir DIR]`.
 * Prints `WEB_SHELL_URL=<url>` on a line of its own, for scripts and tests: an address with a one-time launch
 * code. When stdin is a pipe (a script or a test started it), every line written to it prints a fresh one, so a
 * harness can open one page after another; a terminal's stdin is left alone (reading it would stop a background job).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startBackOffice } from '../back-office.js';
import { defaultDataDir } from '../services/data-dir.js';
import { findChromium, hasDisplay, openAppWindow } from './browser.js';
import { startWebShellHost } from './host.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'no-open': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port erwartet eine Portnummer zwischen 0 und 65535, nicht „${values.port}“.`);
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const backOffice = await startBackOffice({ shell: 'web', dataDir: values['data-dir'] ?? defaultDataDir() });
const host = await startWebShellHost({ backOffice, rendererDir: join(here, '..', 'renderer'), port });

const url = host.launchUrl();
console.log(`WEB_SHELL_URL=${url}`);
if (!process.stdin.isTTY) createInterface({ input: process.stdin }).on('line', () => console.log(`WEB_SHELL_URL=${host.launchUrl()}`));

async function shutdown(code: number): Promise<never> {
  await host.close();
  await backOffice.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const browser = findChromium();
if (!values['no-open'] && browser && hasDisplay()) {
  console.log(`Beratungsraum läuft in ${browser} (App-Fenster). Schließen Sie das Fenster, um zu beenden.`);
  const child = await openAppWindow(browser, url);
  child.on('exit', () => void shutdown(0));
} else {
  const why = values['no-open'] ? '' : browser ? ' (kein Bildschirm gefunden)' : ' (kein Chromium gefunden)';
  console.log(`Beratungsraum läuft${why}. Öffnen Sie in Chromium (die Adresse gilt für ein Fenster): ${url}`);
  console.log('Beenden mit Strg+C.');
}

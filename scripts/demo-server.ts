/**
 * `npm start` on a checkout: when this machine has no Beratungsraum server configured (no policy address, none
 * entered by the user), the embedded demo server runs beside the app, so the first command alone shows a working
 * day. Prints one line for people (address and demo accounts) and `DEMO_SERVER_URL=<url>` for scripts/start.mjs,
 * which passes it to the app as BERATUNGSRAUM_DEMO_SERVER_URL (the sign-in form offers it). With a server
 * configured it prints `DEMO_SERVER_URL=` and ends. A demo server already running on its port is used as it is.
 *
 * The profile folder is the web shell's (services/data-dir.ts); Electron's userData is the same folder, named
 * after the product, on Linux and Windows.
 */
import { startServer } from '../src-server/server.js';
import { defaultDataDir } from '../src-main/services/data-dir.js';
import { readPolicy } from '../src-main/services/policy/read-policy.js';
import { openSettings } from '../src-main/services/policy/settings-service.js';

// `npm run server`'s port; BERATUNGSRAUM_PORT as for the server (0: any free one, for tests).
const port = Number(process.env.BERATUNGSRAUM_PORT ?? 8470);
const knownUrl = `http://127.0.0.1:${port}`;

const settings = await openSettings({ dataDir: defaultDataDir(), readPolicy: () => readPolicy({ platform: process.platform, env: process.env }) });
const configured = settings.get().values.serverUrl.value;
if (configured) {
  console.log(`Server laut Einstellungen: ${configured} (kein Demo-Server).`);
  console.log('DEMO_SERVER_URL=');
  process.exit(0);
}

async function alreadyRunning(): Promise<boolean> {
  try {
    return port !== 0 && (await fetch(`${knownUrl}/api/v1/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

let url = knownUrl;
if (await alreadyRunning()) {
  console.log(`Kein Server eingerichtet: der Demo-Server auf ${url} läuft schon (npm run server); die Anwendung bietet ihn zur Anmeldung an.`);
} else {
  // Its notes on start (extensions left off for a demo) would bury the one line people need; later ones show.
  let started = false;
  const server = await startServer({ host: '127.0.0.1', port, demoData: true, log: (message) => started && console.error(`[demo-server] ${message}`) });
  started = true;
  url = server.url;
  const accounts = server.demoAccounts.map((account) => `${account.username} / ${account.password}`).join(', ');
  console.log(`Kein Server eingerichtet: Demo-Server läuft auf ${server.url} (Anmeldung vorausgefüllt; Demo-Konten: ${accounts}).`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
console.log(`DEMO_SERVER_URL=${url}`);

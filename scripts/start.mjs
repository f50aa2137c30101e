// `npm start`: the Electron app wherever it can be had, otherwise the web shell in the system Chromium, saying
// exactly what is missing. Electron needs its binary (downloaded once, or an existing one) and the SQLite build
// for its ABI next to Node's (`npm run native:electron`); without either the web shell runs the same back office.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { downloadElectron, findElectronBinary, howToGetElectron } from './electron-binary.mjs';

function electronOrWhyNot() {
  let electron = findElectronBinary();
  if ('missing' in electron && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { why: `${electron.missing}; ELECTRON_SKIP_BINARY_DOWNLOAD ist gesetzt, also kein Download-Versuch`, fix: howToGetElectron };
  }
  if ('missing' in electron && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    console.log(`Electron: ${electron.missing}. Hole es aus dem Cache oder lade es herunter (einmalig, ~100 MB) …`);
    if (!downloadElectron()) return { why: `${electron.missing}; der Download ist fehlgeschlagen (Ausgabe oben)`, fix: howToGetElectron };
    electron = findElectronBinary();
  }
  if ('missing' in electron) return { why: electron.missing, fix: howToGetElectron };
  const native = spawnSync('npm', ['run', '--silent', 'native:electron'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (native.status !== 0) {
    return { why: 'SQLite3MultipleCiphers ist nicht für Electron gebaut (Ausgabe oben)', fix: 'Abhilfe: mit Internetzugang `npm run native:electron`.' };
  }
  return { path: electron.path };
}

/**
 * Without a configured server, the embedded demo server beside the app (scripts/demo-server.ts); resolves with
 * its address (or null) once it answers, and keeps it running until the app ends.
 */
function demoServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('DEMO_SERVER_URL=')) resolve({ child, url: line.slice('DEMO_SERVER_URL='.length) || null });
      else console.log(line);
    });
    child.once('exit', () => resolve({ child, url: null }));
  });
}

const demo = await demoServer();
const electron = electronOrWhyNot();
const [command, args] =
  'path' in electron
    ? (console.log(`Starte Beratungsraum in Electron (${electron.path}).`), [electron.path, ['.']])
    : (console.log(`Electron nicht verfügbar: ${electron.why}.\n  ${electron.fix}\nStarte die Web-Shell im System-Chromium.`),
      [process.execPath, ['out/main/web-shell.js', ...process.argv.slice(2)]]);

const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...(demo.url ? { BERATUNGSRAUM_DEMO_SERVER_URL: demo.url } : {}) } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (demo.child.exitCode === null) demo.child.kill('SIGTERM');
  process.exit(signal ? 1 : (code ?? 0));
});

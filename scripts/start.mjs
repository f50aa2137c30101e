// `npm start`: the Electron app where its binary exists, otherwise the web shell in the system Chromium.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const electron = findElectronBinary();
const [command, args] =
  'path' in electron
    ? (console.log(`Starte Beratungsraum in Electron (${electron.path}).`), [electron.path, ['.']])
    : (console.log(`Electron nicht verfügbar (${electron.missing}) – starte die Web-Shell im System-Chromium.`),
      [process.execPath, ['out/main/web-shell.js', ...process.argv.slice(2)]]);

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));

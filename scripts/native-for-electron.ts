// `npm run native:electron`: SQLite3MultipleCiphers for the installed Electron, into its own folder next to Node's
// build (src-main/services/store/native-binding.ts picks one at run time), so the Node tests, the web shell and
// Electron all work from one checkout. It builds in a scratch copy of the package: the Node build in
// node_modules is never touched. A prebuilt binary is tried first, then a compile against Electron's headers;
// both need the internet (like the Electron binary itself). `--force` rebuilds an existing one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { electronBuildFile, SQLITE_PACKAGE, sqlitePackageDir } from '../src-main/services/store/native-binding.js';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
// The ABI number Electron reports as process.versions.modules; the electron package ships it.
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const target = electronBuildFile(abi);

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`SQLite für Electron ${version} (ABI ${abi}) ist schon gebaut: ${target}`);
  process.exit(0);
}

const packageDir = sqlitePackageDir();
const work = mkdtempSync(join(tmpdir(), 'sqlite-for-electron-'));
// Without build/: its Node binary must not be mistaken for the result, and it is large.
const nodeBuild = join(packageDir, 'build');
cpSync(packageDir, work, { recursive: true, filter: (source) => source !== nodeBuild && !source.startsWith(nodeBuild + sep) });

// Node's own headers (npm's `nodedir`, set on this machine for the Node build) would give the wrong ABI.
const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
const electronFlags = [`--runtime=electron`, `--target=${version}`, `--arch=${process.arch}`];
const run = (what: string, script: string, args: string[]) => {
  console.log(`SQLite für Electron ${version}: ${what} …`);
  return spawnSync(process.execPath, [script, ...args], { cwd: work, env, stdio: 'inherit' }).status === 0;
};

const built =
  run('fertiges Build laden', require.resolve('prebuild-install/bin.js', { paths: [packageDir] }), electronFlags) ||
  run('gegen die Electron-Header kompilieren', process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js'), [
    'rebuild',
    '--release',
    ...electronFlags,
    '--dist-url=https://electronjs.org/headers',
  ]);

const output = join(work, 'build', 'Release', 'better_sqlite3.node');
const succeeded = built && existsSync(output);
if (succeeded) {
  mkdirSync(dirname(target), { recursive: true });
  cpSync(output, target);
  console.log(`SQLite für Electron ${version} (ABI ${abi}) gebaut: ${target}`);
}
rmSync(work, { recursive: true, force: true });
if (!succeeded) {
  console.error(`${SQLITE_PACKAGE} ließ sich nicht für Electron ${version} bauen (kein Internetzugang?).`);
  process.exit(1);
}

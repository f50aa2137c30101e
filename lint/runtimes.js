/**
 * The runtimes of the house and where each may reach (../shared/architecture.md, "Walls"). A file's runtime is
 * visible in its path; this module is the one place that reads it from there. Used by eslint.config.js and by the
 * rule in ./runtime-walls.js.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Runtime by folder, most specific first. `tooling` is everything that never ships inside the app or the server:
 * tests, build scripts, configuration.
 */
const folders = [
  ['src-shared/', 'shared'],
  ['src-renderer/', 'renderer'],
  ['src-preload/', 'preload'],
  ['src-main/shell/', 'shell'],
  ['src-main/', 'main'],
  ['src-server/', 'server'],
];

/** @param {string} file absolute or repository-relative path */
export function runtimeOf(file) {
  const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  for (const [prefix, runtime] of folders) if (relative.startsWith(prefix)) return runtime;
  return 'tooling';
}

/** Repository-relative path with forward slashes, for the folder rows of the dependency table. */
export function relativeToRoot(file) {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/**
 * Which runtimes' code a runtime may import by relative path. Default-deny: a pair not listed is refused.
 */
export const reachableRuntimes = {
  // Contracts and pure rules: the bottom of the house, imports only itself.
  shared: ['shared'],
  // The UI talks to the back office only through the contract.
  renderer: ['renderer', 'shared'],
  // The preload exposes the contract; it knows nothing of the services behind it.
  preload: ['preload', 'shared'],
  // The Electron shell wires the back office into Electron; it is the only caller of back-office.ts besides the web shell.
  shell: ['shell', 'main', 'shared'],
  // Services never know which transport called them, so they never import the shell.
  main: ['main', 'shared'],
  // The server is a separate program (another host): it shares contracts with the desktop, never code.
  server: ['server', 'shared'],
  // Tests and scripts look at everything.
  tooling: ['shared', 'renderer', 'preload', 'shell', 'main', 'server', 'tooling'],
};

/** Runtimes in which Node's built-in modules exist. The preload runs sandboxed, the renderer in a browser. */
export const nodeRuntimes = ['shell', 'main', 'server', 'tooling'];

/** Globals of Node that must not appear where there is no Node (they would type-check nowhere but fail late). */
export const nodeGlobals = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'];

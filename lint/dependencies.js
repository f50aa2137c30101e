/**
 * The allow-list of dependencies: every package the code imports has a row that says which runtimes (or, where the
 * architecture narrows it further, which folders) may import it, and why. A package without a row cannot be
 * imported anywhere; a dependency in package.json without a row fails lint at once (see ./runtime-walls.js).
 *
 * `where`: runtime names (see ./runtimes.js) or repository folders ending in `/`. Tooling (tests, scripts, config)
 * may import any row; a row only for tooling says `where: []`.
 * `via`: for a package that is not in package.json itself but comes with the one named (its types are imported).
 */
export const dependencies = {
  // --- the contracts (src-shared) and everyone who validates with them
  zod: { where: ['shared', 'renderer', 'main', 'server'] }, // every boundary validates with the schemas in src-shared
  feiertagejs: { where: ['shared'] }, // public holidays for the pure TVZ and calendar rules

  // --- renderer
  react: { where: ['renderer'] },
  'react-dom': { where: ['renderer'] },
  zustand: { where: ['renderer'] }, // the features' stores
  i18next: { where: ['renderer'] },
  'react-i18next': { where: ['renderer'] },
  '@schedule-x/calendar': { where: ['renderer'] }, // the calendar view
  '@schedule-x/calendar-controls': { where: ['renderer'] },
  '@schedule-x/react': { where: ['renderer'] },
  '@schedule-x/theme-default': { where: ['renderer'] },
  '@schedule-x/translations': { where: ['renderer'] },
  'chart.js': { where: ['renderer'] }, // team-lead figures
  'react-chartjs-2': { where: ['renderer'] },
  'simple-peer': { where: ['renderer'] }, // media goes peer to peer from the renderer, never through main
  '@mediapipe/tasks-vision': { where: ['src-renderer/media/'] }, // background blur, in the media workers
  '@vladmandic/human': { where: ['src-renderer/media/'] }, // face framing, in the media workers
  'temporal-polyfill': { where: ['src-renderer/features/calendar/'] }, // the Temporal global schedule-x expects

  // --- Electron: the shell and the preload only (services never know which transport called them)
  electron: { where: ['shell', 'preload'] },
  'electron-updater': { where: ['shell'] }, // needs Electron's app object

  // --- desktop back office (plain Node), narrowed to the one service that owns the resource
  'better-sqlite3-multiple-ciphers': { where: ['src-main/services/store/'] }, // only the store touches the database
  '@napi-rs/keyring': { where: ['src-main/services/secrets/'] }, // only the secrets service touches the keychain
  systeminformation: { where: ['src-main/services/readiness/'] }, // hardware facts of the device check
  pino: { where: ['src-main/services/logging/'] }, // the one logger
  'pino-roll': { where: ['src-main/services/logging/'] },
  'sonic-boom': { where: ['src-main/services/logging/'], via: 'pino' }, // the stream type pino-roll returns
  fflate: { where: ['src-main/services/support-bundle/'] }, // the zip of the support bundle
  'js-yaml': { where: ['src-main/services/updates/'] }, // latest.yml of the update feed
  'builder-util-runtime': { where: ['src-main/services/updates/'] }, // the update feed's types and checks

  // --- shared by the back office and the server
  ws: { where: ['main', 'server'] }, // signalling client (main), web-shell host (main), signalling server

  // --- server
  'better-sqlite3': { where: ['src-server/storage/'] }, // only the repository touches the server's database
  ioredis: { where: ['server'] }, // scale-out: rooms, ledger and pub/sub across server processes
  jose: { where: ['src-server/auth/'] }, // OIDC tokens

  // --- tooling only: tests, build, lint, benchmarks
  '@playwright/test': { where: [] },
  '@axe-core/playwright': { where: [] },
  '@xmldom/xmldom': { where: [] },
  '@twilio/video-processors': { where: [] }, // only its segmentation model is copied into the build (scripts/media-assets.mjs)
  '@eslint/js': { where: [] },
  'typescript-eslint': { where: [] },
  'eslint-plugin-react-hooks': { where: [] },
  eslint: { where: [] },
  globals: { where: [] },
  vite: { where: [] },
  '@vitejs/plugin-react': { where: [] },
  vitest: { where: [] },
  esbuild: { where: [] },
  tsx: { where: [] },
  typescript: { where: [] },
  'electron-builder': { where: [] },
  'app-builder-lib': { where: [], via: 'electron-builder' }, // the fuses' option type (build/fuses.ts)
  '@types/better-sqlite3': { where: [] },
  '@types/js-yaml': { where: [] },
  '@types/node': { where: [] },
  '@types/react': { where: [] },
  '@types/react-dom': { where: [] },
  '@types/ws': { where: [] },
};

// The walls of the house (../shared/architecture.md), enforced where a rule can say them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Node built-ins by exact name (patterns would also match folders such as `domain/`). */
const nodeBuiltins = builtinModules.map((name) => ({
  name,
  message: 'Node modules are for src-main and src-server; talk to the back office through the contract.',
}));

/** Runtime code the renderer and the contracts must never pull in. */
const nodeOrElectron = [
  { group: ['node:*'], message: 'Node modules are for src-main and src-server; talk to the back office through the contract.' },
  { group: ['electron', 'electron/*'], message: 'Only src-main/shell (and the preload) may import Electron.' },
  { group: ['ws', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring'], message: 'Node-only package.' },
  { group: ['**/src-main/**', '**/src-server/**', '**/src-preload/**'], message: 'Cross the boundary through the contract in src-shared.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            ...nodeOrElectron,
            { group: ['**/src-renderer/**', 'react', 'react-dom', 'zustand'], message: 'src-shared imports no other src-* folder and no UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: nodeOrElectron }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-server/**/*.ts'],
    ignores: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Only src-main/shell imports Electron: services never know which transport called them.' },
            { group: ['**/src-renderer/**'], message: 'The back office does not import UI code.' },
          ],
        },
      ],
    },
  },
);

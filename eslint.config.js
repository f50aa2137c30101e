// The walls of the house (../shared/architecture.md), enforced where a rule can say them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { walls, checkTableAgainstPackageJson } from './lint/runtime-walls.js';
import { nodeGlobals } from './lint/runtimes.js';

const tableProblems = checkTableAgainstPackageJson();
if (tableProblems.length > 0) throw new Error(`The dependency table disagrees with package.json:\n  ${tableProblems.join('\n  ')}`);

/** Where there is no Node, its globals are refused by name (TypeScript would not see them in src-shared alone). */
const noNodeGlobals = nodeGlobals.map((name) => ({ name, message: `"${name}" is Node's; this runtime has none. Ask the back office through the contract.` }));

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
    // Every import of every file, against the runtime its path names (lint/runtimes.js, lint/dependencies.js).
    plugins: { walls },
    rules: { 'walls/imports': 'error' },
  },
  {
    // One home for the agency's time zone: a second spelling of it is how copies start to disagree.
    files: ['src-*/**/*.{ts,tsx}'],
    ignores: ['src-shared/rules/berlin-time.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Literal[value='Europe/Berlin']", message: 'Use AGENCY_TIME_ZONE and the helpers of src-shared/rules/berlin-time.ts.' },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...noNodeGlobals] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);

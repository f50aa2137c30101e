/**
 * The walls bite: lint is fed one deliberate violation of each kind, in the file where it would hurt, and must
 * refuse it; the same code where it belongs must pass (so a rule that refuses everything fails too).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { checkTableAgainstPackageJson } from '../../../lint/runtime-walls.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const violations: Array<[kind: string, file: string, code: string, rule: string]> = [
  ['static Node import in the renderer', 'src-renderer/features/x.ts', "import fs from 'node:fs';\nexport const f = fs;", 'walls/imports'],
  ['bare built-in in the renderer', 'src-renderer/features/x.ts', "import path from 'path';\nexport const p = path;", 'walls/imports'],
  ['dynamic Node import in the renderer', 'src-renderer/features/x.ts', "export const f = () => import('node:fs');", 'walls/imports'],
  ['require of a built-in in the renderer', 'src-renderer/features/x.ts', "export const f = require('fs');", 'walls/imports'],
  ['computed dynamic import in the renderer', 'src-renderer/features/x.ts', "export const f = (name: string) => import(name);", 'walls/imports'],
  ['process global in the renderer', 'src-renderer/features/x.ts', 'export const home = process.env.HOME;', 'no-restricted-globals'],
  ['Buffer global in the renderer', 'src-renderer/features/x.ts', "export const b = Buffer.from('x');", 'no-restricted-globals'],
  ['process global in src-shared', 'src-shared/rules/x.ts', 'export const debug = process.env.DEBUG;', 'no-restricted-globals'],
  ['server-only package in the renderer', 'src-renderer/features/x.ts', "import Redis from 'ioredis';\nexport const r = Redis;", 'walls/imports'],
  ['Electron in the renderer', 'src-renderer/features/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", 'walls/imports'],
  ['Electron in a service', 'src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;", 'walls/imports'],
  ['a service importing the shell', 'src-main/services/x.ts', "import * as shell from '../shell/window.js';\nexport const s = shell;", 'walls/imports'],
  ['src-main importing src-server', 'src-main/services/x.ts', "import * as core from '../../src-server/core.js';\nexport const c = core;", 'walls/imports'],
  ['src-server importing src-main', 'src-server/x.ts', "import * as office from '../src-main/back-office.js';\nexport const o = office;", 'walls/imports'],
  ['src-shared importing the renderer', 'src-shared/x.ts', "import * as app from '../src-renderer/app/routes.js';\nexport const a = app;", 'walls/imports'],
  ['the renderer importing the back office', 'src-renderer/x.ts', "export { createBackOffice } from '../src-main/back-office.js';", 'walls/imports'],
  ['Node in the sandboxed preload', 'src-preload/preload.ts', "import fs from 'node:fs';\nexport const f = fs;", 'walls/imports'],
  ['the preload importing a service', 'src-preload/preload.ts', "import * as s from '../src-main/services/preferences.js';\nexport const p = s;", 'walls/imports'],
  ['the database outside the store', 'src-main/services/sync/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const d = Database;", 'walls/imports'],
  ['the keychain outside the secrets service', 'src-main/services/store/x.ts', "import { Entry } from '@napi-rs/keyring';\nexport const e = Entry;", 'walls/imports'],
  ['a package without a row', 'src-main/services/x.ts', "import leftPad from 'left-pad';\nexport const l = leftPad;", 'walls/imports'],
  ['a type import of a server package in the renderer', 'src-renderer/x.ts', "export type R = import('ioredis').Redis;", 'walls/imports'],
];

const allowed: Array<[kind: string, file: string, code: string]> = [
  ['zod in the renderer', 'src-renderer/features/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
  ['the contract in the renderer', 'src-renderer/features/x.ts', "import * as c from '../../src-shared/ipc/contract.js';\nexport const k = c;"],
  ['Node in a service', 'src-main/services/x.ts', "import fs from 'node:fs';\nexport const f = fs;"],
  ['the database in the store', 'src-main/services/store/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const d = Database;"],
  ['Electron in the shell', 'src-main/shell/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['the shell wiring the back office', 'src-main/shell/x.ts', "import * as office from '../back-office.js';\nexport const o = office;"],
  ['tests looking at everything', 'tests/unit/x.test.ts', "import * as core from '../../src-server/core.js';\nimport fs from 'node:fs';\nexport const c = [core, fs];"],
];

describe('lint walls', () => {
  it.each(violations)('refuses %s', async (_kind, file, code, rule) => {
    expect(await rulesHit(file, code)).toContain(rule);
  }, 120_000);

  it.each(allowed)('allows %s', async (_kind, file, code) => {
    expect(await rulesHit(file, code)).toEqual([]);
  }, 120_000);

  it('finds every dependency of package.json in the table, and no row without one', () => {
    expect(checkTableAgainstPackageJson()).toEqual([]);
    const problems = checkTableAgainstPackageJson({ dependencies: { zod: '*', 'left-pad': '1' }, devDependencies: {} });
    expect(problems).toContain('left-pad: in package.json but not assigned to a runtime in lint/dependencies.js');
    expect(problems.some((problem) => problem.startsWith('react: has a row'))).toBe(true);
  });
});

/**
 * Every schema migration, in order. A new one is a new numbered file exporting `version`, `name` and `up`,
 * appended here; released files are never edited (a database that ran them must stay reproducible).
 */
import * as m001 from './001-initial.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [m001];

/**
 * Structured, rotated logs in the user's data folder (`<dataDir>/logs/beratungsraum.N.log`, JSON lines).
 *
 * pino writes the lines and pino-roll rotates them (5 MiB per file, the current one plus four older kept), both
 * plain Node so the Electron main process, the web-shell host and the command-line tools log the same way.
 * pino-roll is used as a direct destination rather than a worker-thread transport: a bundled main process
 * cannot resolve a transport's target module by name, and a log line lost in a crashing worker is the one
 * IT support would have needed.
 *
 * Callers never see pino: they get `Logger`, and every call passes through the redaction layer (redact.ts)
 * before pino serialises it, so no code path can write an unredacted line.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import pinoRoll from 'pino-roll';
import type { LogLevel } from '../../../src-shared/policy/settings.js';
import { createRedactor, type Redactor } from './redact.js';

export type LogFields = Readonly<Record<string, unknown>>;

/** What the rest of the back office logs through (see `LOG_FIELDS` in redact.ts for the allowed fields). */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `module`. */
  child(module: string): Logger;
}

export interface LogService extends Logger {
  readonly directory: string;
  readonly redactor: Redactor;
  setLevel(level: LogLevel): void;
  /** The log files, oldest first. */
  files(): Promise<string[]>;
  /** Writes buffered lines to disk (before a support bundle reads the files). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface LogServiceOptions {
  /** The user's data folder; logs go to its `logs` sub-folder. */
  readonly dataDir: string;
  readonly level: LogLevel;
  /** Also write the (redacted) lines to stderr, for development. */
  readonly mirrorToStderr?: boolean;
  readonly maxFileSize?: string;
  readonly keepFiles?: number;
  /** Defaults to the OS home folder; replaced by `~` in every line. */
  readonly homeDir?: string;
}

export const LOG_FILE_BASENAME = 'beratungsraum';
export const LOG_FILE_PATTERN = /^beratungsraum\.\d+\.log$/;

export const logDirectory = (dataDir: string): string => join(dataDir, 'logs');

export async function listLogFiles(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const number = (name: string) => Number(name.split('.')[1]);
  return names.filter((name) => LOG_FILE_PATTERN.test(name)).sort((a, b) => number(a) - number(b)).map((name) => join(directory, name));
}

function wrap(target: PinoLogger, redactor: Redactor): Logger {
  const write = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (!target.isLevelEnabled(level)) return;
    const { msg, ...clean } = redactor.scrubCall(String(message), fields);
    target[level](clean, msg as string);
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: (module) => wrap(target.child(redactor.scrubFields({ module }).fields), redactor),
  };
}

export async function openLogService(options: LogServiceOptions): Promise<LogService> {
  const directory = logDirectory(options.dataDir);
  const redactor = createRedactor(options.homeDir === undefined ? {} : { homeDir: options.homeDir });
  const file = await pinoRoll({
    file: join(directory, LOG_FILE_BASENAME),
    extension: '.log',
    size: options.maxFileSize ?? '5m',
    limit: { count: options.keepFiles ?? 4 },
    mkdir: true,
    // Synchronous writes: the lines just before a crash are the ones IT support needs, and a desktop client
    // logs far too little for the write cost to matter.
    sync: true,
  });
  const destination = options.mirrorToStderr
    ? pino.multistream([{ stream: file, level: 'debug' }, { stream: process.stderr, level: 'debug' }])
    : file;
  const target = pino(
    {
      level: options.level,
      // No hostname: the laptop's name is personal data of its user and of no use to IT, who know the device.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // `err` arrives already reduced by the redactor; pino's own serializer would add the enumerable fields back.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  const logger = wrap(target, redactor);

  return {
    ...logger,
    directory,
    redactor,
    setLevel(level) {
      target.level = level;
    },
    files: () => listLogFiles(directory),
    flush: () => new Promise<void>((resolve, reject) => file.flush((error) => (error ? reject(error) : resolve()))),
    close: () =>
      new Promise<void>((resolve) => {
        file.flush(() => {
          file.end();
          resolve();
        });
      }),
  };
}

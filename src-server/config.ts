/**
 * The server's settings, from lowest to highest precedence: schema defaults, the JSON config file
 * (`--config <file>` or BERATUNGSRAUM_SERVER_CONFIG), environment variables, and overrides from code
 * (`startServer({ config })`). The merged result is validated once with `ServerConfig` from src-shared.
 */
import { readFileSync } from 'node:fs';
import { ServerConfig, type ServerConfigInput } from '../src-shared/http/server-config.js';
import { check, issueDetails } from './http/validation.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The environment variables read, with the config key each one sets. */
export const ENVIRONMENT = {
  BERATUNGSRAUM_SERVER_CONFIG: 'path of the JSON config file',
  BERATUNGSRAUM_HOST: 'http.host',
  BERATUNGSRAUM_PORT: 'http.port',
  BERATUNGSRAUM_PUBLIC_URL: 'http.publicUrl',
  BERATUNGSRAUM_BODY_LIMIT_BYTES: 'http.bodyLimitBytes',
  BERATUNGSRAUM_HSTS: 'http.hsts',
  BERATUNGSRAUM_TRUST_PROXY: 'http.trustProxy',
  BERATUNGSRAUM_DATA_DIR: 'storage.dataDir',
  BERATUNGSRAUM_DEMO: 'demo.enabled',
  BERATUNGSRAUM_DEMO_START: 'demo.startDate',
  BERATUNGSRAUM_OIDC_ISSUER: 'auth.oidc.issuer',
  BERATUNGSRAUM_OIDC_AUDIENCE: 'auth.oidc.audience',
  BERATUNGSRAUM_OIDC_JWKS_URL: 'auth.oidc.jwksUrl',
  BERATUNGSRAUM_OIDC_JWKS_FILE: 'auth.oidc.jwksFile',
} as const;

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects merge key by key; arrays and values replace. */
export function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlain(current) && isPlain(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlain(node[key])) node[key] = {};
    node = node[key] as Plain;
  }
  node[keys[keys.length - 1] as string] = value;
}

const NUMERIC = new Set(['BERATUNGSRAUM_PORT', 'BERATUNGSRAUM_BODY_LIMIT_BYTES']);
const BOOLEAN = new Set(['BERATUNGSRAUM_HSTS', 'BERATUNGSRAUM_TRUST_PROXY', 'BERATUNGSRAUM_DEMO']);

function envValue(name: string, raw: string): unknown {
  if (NUMERIC.has(name)) {
    const number = Number(raw);
    if (!Number.isInteger(number)) throw new ConfigError(`${name}="${raw}" ist keine ganze Zahl.`);
    return number;
  }
  if (BOOLEAN.has(name)) {
    if (/^(true|1|yes|ja)$/i.test(raw)) return true;
    if (/^(false|0|no|nein)$/i.test(raw)) return false;
    throw new ConfigError(`${name}="${raw}" ist kein Wahrheitswert (true/false).`);
  }
  return raw;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv): Plain {
  const out: Plain = {};
  for (const [name, path] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw === '' || name === 'BERATUNGSRAUM_SERVER_CONFIG') continue;
    setPath(out, path, envValue(name, raw));
  }
  return out;
}

export function readConfigFile(path: string): Plain {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Die Konfigurationsdatei ${path} ist nicht lesbar (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`Die Konfigurationsdatei ${path} ist kein gültiges JSON.`);
  }
  if (!isPlain(parsed)) throw new ConfigError(`Die Konfigurationsdatei ${path} muss ein JSON-Objekt enthalten.`);
  return parsed;
}

export interface ConfigSources {
  readonly file?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly overrides?: ServerConfigInput;
}

export function loadConfig(sources: ConfigSources = {}): ServerConfig {
  const env = sources.env ?? {};
  const file = sources.file ?? env.BERATUNGSRAUM_SERVER_CONFIG;
  let merged: Plain = file ? readConfigFile(file) : {};
  merged = deepMerge(merged, configFromEnvironment(env));
  merged = deepMerge(merged, (sources.overrides ?? {}) as Plain);
  const result = check(ServerConfig, merged);
  if (!result.success) {
    throw new ConfigError(`Die Server-Konfiguration ist ungültig: ${issueDetails(result.error).join('; ')}.`);
  }
  return result.data;
}

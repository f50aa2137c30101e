/**
 * A tiny typed router over node:http. Why not a framework: the API is a handful of JSON routes, the signalling
 * extension needs the bare `upgrade` event of the same `http.Server` for `ws`, and every body must pass a zod
 * schema from src-shared anyway; node:http with this file gives full control of body limits and error bodies
 * without another dependency in the server's attack surface.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './errors.js';
import { check, issueDetails } from './validation.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Values of `:name` segments, and `*` for the rest of a path ending in `/*`. */
  readonly params: Readonly<Record<string, string>>;
  /** The client's address (X-Forwarded-For only when `http.trustProxy` is set). */
  readonly ip: string;
}

export interface Route {
  readonly method: Method;
  /** `/api/v1/appointments`, `/api/v1/guest-links/:id`, `/guest/*`. */
  readonly path: string;
  handle(ctx: RequestContext): unknown;
}

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment, index, all) => {
      if (segment === '*' && index === all.length - 1) {
        names.push('*');
        return '(.*)';
      }
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export interface Router {
  add(route: Route): void;
  /** Every registered route (method and path), for checks that must cover all endpoints. */
  list(): readonly Pick<Route, 'method' | 'path'>[];
  /** The route for a path, or a 404/405 HttpError. */
  match(method: string, pathname: string): { route: Route; params: Record<string, string> };
}

export function createRouter(): Router {
  const routes: CompiledRoute[] = [];
  return {
    add(route) {
      if (routes.some((known) => known.route.method === route.method && known.route.path === route.path)) {
        throw new Error(`Route ${route.method} ${route.path} ist doppelt registriert.`);
      }
      routes.push(compile(route));
    },
    list: () => routes.map(({ route }) => ({ method: route.method, path: route.path })),
    match(method, pathname) {
      let pathKnown = false;
      for (const { route, pattern, names } of routes) {
        const found = pattern.exec(pathname);
        if (!found) continue;
        pathKnown = true;
        if (route.method !== method) continue;
        const params: Record<string, string> = {};
        names.forEach((name, index) => {
          try {
            params[name] = decodeURIComponent(found[index + 1] ?? '');
          } catch {
            throw new HttpError(400, 'NOT_FOUND', 'Die Adresse enthält eine ungültige %-Kodierung. Prüfen Sie den Link.');
          }
        });
        return { route, params };
      }
      if (pathKnown) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Die Methode ${method} ist für ${pathname} nicht erlaubt.`);
      throw new HttpError(404, 'NOT_FOUND', `Unter ${pathname} gibt es nichts. Prüfen Sie die Adresse (API unter /api/v1).`);
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  if (error.status === 413) res.setHeader('Connection', 'close');
  sendJson(res, error.status, body);
}

/** Reads the body up to `limit` bytes; refuses a larger one as soon as the limit is passed. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'BODY_TOO_LARGE', `Die Anfrage ist größer als ${limit} Bytes. Senden Sie weniger Operationen auf einmal.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      throw new HttpError(413, 'BODY_TOO_LARGE', `Die Anfrage ist größer als ${limit} Bytes. Senden Sie weniger Operationen auf einmal.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body and validates it; every failure is a named 4xx error. */
export async function readJson<S extends z.ZodType>(ctx: RequestContext, schema: S, limit: number): Promise<z.output<S>> {
  const type = ctx.req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Der Inhalt muss JSON sein (Content-Type: application/json).');
  }
  const raw = await readBody(ctx.req, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'Der Inhalt ist kein gültiges JSON. Prüfen Sie Klammern, Anführungszeichen und Kodierung (UTF-8).');
  }
  const result = check(schema, parsed);
  if (!result.success) {
    const details = issueDetails(result.error);
    throw new HttpError(400, 'INVALID_BODY', `Die Anfrage ist ungültig: ${details.join('; ')}.`, details);
  }
  return result.data;
}

/** Validates the query string; a parameter given twice is refused rather than guessed. */
export function readQuery<S extends z.ZodType>(ctx: RequestContext, schema: S): z.output<S> {
  const values: Record<string, string> = {};
  for (const [key, value] of ctx.url.searchParams) {
    if (key in values) throw new HttpError(400, 'INVALID_QUERY', `Der Parameter "${key}" ist mehrfach angegeben. Geben Sie ihn einmal an.`, [key]);
    values[key] = value;
  }
  const result = check(schema, values);
  if (!result.success) {
    const details = issueDetails(result.error);
    throw new HttpError(400, 'INVALID_QUERY', `Die Abfrageparameter sind ungültig: ${details.join('; ')}.`, details);
  }
  return result.data;
}

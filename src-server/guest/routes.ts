/**
 * HTTP routes of guest links and the guest page, in the server core's router format:
 * - counsellor (bearer): POST {API_PREFIX}/guest-links, GET {API_PREFIX}/guest-links?appointmentId (the list),
 *   GET/DELETE {API_PREFIX}/guest-links/:id
 * - guest page (link token only): POST /guest/api/link, POST /guest/api/consent; POST /guest/api/problem (a link
 *   the page could not even read, for the log)
 * - the page itself: GET /guest/ and its assets, with a strict CSP and no third-party request.
 */
import { randomUUID } from 'node:crypto';
import { CONSENT_TEXT_VERSION } from '../../src-shared/domain/appointment.js';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { API_PREFIX, type SessionUser } from '../../src-shared/http/sync-api.js';
import {
  CreateGuestLinkReply,
  CreateGuestLinkRequest,
  GuestConsentReply,
  GuestConsentRequest,
  GuestLinkCheckReply,
  GuestLinkCheckRequest,
  GuestLinkInfo,
  GuestLinkList,
  GuestLinkListQuery,
  GuestPageProblem,
} from '../../src-shared/signalling/guest-api.js';
import { PAGE_SECURITY_HEADERS } from '../../src-shared/web/page-security.js';
import { HttpError } from '../http/errors.js';
import { readJson, readQuery, sendJson, type RequestContext, type Route } from '../http/router.js';
import type { SignallingHost } from '../signalling/host.js';
import type { StoredParticipant } from '../signalling/room-store.js';
import { LINK_MESSAGES, type GuestLinks, type Presence } from './links.js';

const BODY_LIMIT = 16 * 1024;
/** Log lines of refused links and page problems per minute: the guest API needs no sign-in, so anyone can send. */
const PROBLEM_LINES_PER_MINUTE = 60;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  // Background blur: the MediaPipe runtime and models, from the page's own origin (no CDN).
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.task': 'application/octet-stream',
};

/** What the page may load besides guest.html: the built bundles, the blur runtime and models, the icon. */
const SERVED = /^(assets\/[\w.-]+|media\/[\w./-]+|favicon\.svg|zod-jitless\.js)$/;

/** The user of the request's bearer token, or a 401 that says what to send (refusals audited by the host). */
export async function bearerUser(ctx: RequestContext, host: SignallingHost, action: string): Promise<SessionUser> {
  const header = ctx.req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const user = await host.authenticate(match?.[1] ?? '', ctx.ip, action);
  if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'Anmeldung erforderlich oder abgelaufen: senden Sie ein gültiges Token als "Authorization: Bearer <token>".');
  return user;
}

async function requireHost(host: SignallingHost, ctx: RequestContext, user: SessionUser, appointmentId: string, action: string): Promise<void> {
  // 404, not 403: a BPS appointment's existence is itself protected (202209006 §3). The host audits the refusal.
  if (!(await host.mayHost(user, appointmentId, ctx.ip, action))) throw new HttpError(404, 'NOT_FOUND', 'Diesen Termin gibt es nicht oder Sie sind nicht zuständig.');
}

function linkError(code: keyof typeof LINK_MESSAGES): HttpError {
  return new HttpError(code === 'LINK_INVALID' ? 404 : 410, code, LINK_MESSAGES[code]);
}

/**
 * Logs what went wrong with a guest's link, never the link itself (a valid token is a bearer secret, and the
 * fragment exists so that no log holds it): the route, the code and the length. Capped, so a script cannot flood
 * the log; what the cap held back is counted in the next line.
 */
function problemLog(log: (message: string) => void) {
  let windowStart = 0;
  let written = 0;
  let held = 0;
  return (what: string, length: number) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      written = 0;
    }
    if (written >= PROBLEM_LINES_PER_MINUTE) {
      held += 1;
      return;
    }
    written += 1;
    const heldNote = held ? ` (${held} weitere zuvor nicht protokolliert)` : '';
    held = 0;
    log(`Gästeseite: ${what}, Link ${length} Zeichen${heldNote}`);
  };
}

/**
 * One answer for a link that does not exist and one the user may not see (another counsellor's, or a BPS
 * appointment's for a non-BPS user): byte for byte the same, so probing link ids tells nothing (issue 13, B3).
 */
const linkNotFound = (): HttpError => new HttpError(404, 'NOT_FOUND', 'Diesen Einladungslink gibt es nicht (mehr).');

export interface GuestLinkRouteDeps {
  readonly links: GuestLinks;
  readonly host: SignallingHost;
  /** Who is in the appointment's room now (the room store's view), for the links' states. */
  readonly members: (appointmentId: string) => Promise<readonly StoredParticipant[]>;
  readonly log: (message: string) => void;
}

export function guestLinkRoutes(deps: GuestLinkRouteDeps): Route[] {
  const { links, host } = deps;
  const logProblem = problemLog(deps.log);
  const presence = async (appointmentId: string): Promise<Presence> => new Map((await deps.members(appointmentId)).filter((m) => m.role !== 'counsellor').map((m) => [m.principal, m.state]));
  /** The link, if it exists and `user` hosts its appointment; otherwise the one not-found answer (refusal audited by the host). */
  const hostedLink = async (ctx: RequestContext, user: SessionUser, action: string) => {
    const entry = await links.entry(ctx.params.id ?? '');
    if (!entry || !(await host.mayHost(user, entry.appointmentId, ctx.ip, action))) throw linkNotFound();
    return entry;
  };
  return [
    {
      method: 'POST',
      path: `${API_PREFIX}/guest-links`,
      async handle(ctx) {
        const user = await bearerUser(ctx, host, 'guest-link.create');
        const body = await readJson(ctx, CreateGuestLinkRequest, BODY_LIMIT);
        await requireHost(host, ctx, user, body.appointmentId, 'guest-link.create');
        const slot = await host.appointmentSlot(body.appointmentId);
        if (slot?.status !== 'planned') {
          throw new HttpError(409, 'APPOINTMENT_NOT_PLANNED', 'Für diesen Termin lassen sich keine Einladungslinks mehr erstellen: Er ist abgesagt oder hat bereits stattgefunden.');
        }
        const created = await links.create({ ...body, createdBy: user.id });
        sendJson(ctx.res, 201, CreateGuestLinkReply.parse(created));
      },
    },
    {
      method: 'GET',
      path: `${API_PREFIX}/guest-links`,
      async handle(ctx) {
        const user = await bearerUser(ctx, host, 'guest-link.list');
        const { appointmentId } = readQuery(ctx, GuestLinkListQuery);
        await requireHost(host, ctx, user, appointmentId, 'guest-link.list');
        sendJson(ctx.res, 200, GuestLinkList.parse({ links: await links.list(appointmentId, await presence(appointmentId)) }));
      },
    },
    {
      method: 'GET',
      path: `${API_PREFIX}/guest-links/:id`,
      async handle(ctx) {
        const user = await bearerUser(ctx, host, 'guest-link.read');
        const entry = await hostedLink(ctx, user, 'guest-link.read');
        const info = await links.info(entry.linkId, await presence(entry.appointmentId));
        if (!info) throw linkNotFound();
        sendJson(ctx.res, 200, GuestLinkInfo.parse(info));
      },
    },
    {
      method: 'DELETE',
      path: `${API_PREFIX}/guest-links/:id`,
      async handle(ctx) {
        const user = await bearerUser(ctx, host, 'guest-link.revoke');
        const entry = await hostedLink(ctx, user, 'guest-link.revoke');
        await links.revoke(entry.linkId);
        const info = await links.info(entry.linkId, await presence(entry.appointmentId));
        if (!info) throw linkNotFound();
        sendJson(ctx.res, 200, GuestLinkInfo.parse(info));
      },
    },
    {
      method: 'POST',
      path: '/guest/api/link',
      async handle(ctx) {
        const body = await readJson(ctx, GuestLinkCheckRequest, BODY_LIMIT);
        const checked = await links.open(body.link, { ip: ctx.ip, action: 'guest-link.check' });
        if (!checked.ok) {
          logProblem(`Link abgelehnt (${checked.code})`, body.link.length);
          throw linkError(checked.code);
        }
        sendJson(ctx.res, 200, GuestLinkCheckReply.parse({ role: checked.link.role, expiresAt: checked.link.expiresAt, consentTextVersion: CONSENT_TEXT_VERSION }));
      },
    },
    {
      method: 'POST',
      path: '/guest/api/consent',
      async handle(ctx) {
        const body = await readJson(ctx, GuestConsentRequest, BODY_LIMIT);
        const checked = await links.check(body.link, { ip: ctx.ip, action: 'guest-link.consent' });
        if (!checked.ok) {
          logProblem(`Einwilligung zu abgelehntem Link (${checked.code})`, body.link.length);
          throw linkError(checked.code);
        }
        const { link } = checked;
        const consentId = randomUUID();
        const givenAt = new Date().toISOString();
        await host.recordConsent({ appointmentId: link.appointmentId, givenAt, via: 'guest_page', textVersion: body.textVersion, withdrawnAt: null }, { role: link.role, linkId: link.linkId, consentId });
        await links.addConsent(link.linkId, { consentId, givenAt, textVersion: body.textVersion });
        sendJson(ctx.res, 201, GuestConsentReply.parse({ consentId, givenAt, textVersion: body.textVersion }));
      },
    },
    {
      method: 'POST',
      path: '/guest/api/problem',
      async handle(ctx) {
        const body = await readJson(ctx, GuestPageProblem, 1024);
        logProblem(body.kind === 'page_error' ? 'Fehler beim Anzeigen der Seite' : `Link nicht lesbar (${body.kind})`, body.length);
        ctx.res.statusCode = 204;
        ctx.res.end();
      },
    },
  ];
}

/** Serves the built guest page (vite output: `guest.html`, `assets/`, `media/`) under /guest/. */
export function guestPageRoutes(distDir: string): Route[] {
  const root = normalize(distDir);
  const pageHeaders = (ctx: RequestContext) => {
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) ctx.res.setHeader(name, value);
  };
  return [
    {
      method: 'GET',
      path: '/guest',
      handle(ctx) {
        ctx.res.statusCode = 308;
        ctx.res.setHeader('Location', '/guest/');
        ctx.res.end();
      },
    },
    {
      method: 'GET',
      path: '/guest/',
      async handle(ctx) {
        let html: Buffer;
        try {
          html = await readFile(join(distDir, 'guest.html'));
        } catch {
          throw new HttpError(503, 'GUEST_PAGE_MISSING', 'Die Gästeseite ist nicht gebaut. Führen Sie "npx vite build" aus und starten Sie den Server neu.');
        }
        pageHeaders(ctx);
        ctx.res.setHeader('Cache-Control', 'no-store');
        ctx.res.setHeader('Content-Type', 'text/html; charset=utf-8');
        ctx.res.end(html);
      },
    },
    {
      method: 'GET',
      path: '/guest/*',
      async handle(ctx) {
        const name = ctx.params['*'] ?? '';
        const file = normalize(join(root, name));
        const type = CONTENT_TYPES[extname(file)];
        if (!type || !SERVED.test(name) || name.includes('..') || !file.startsWith(root + sep)) throw new HttpError(404, 'NOT_FOUND', 'Diese Datei gibt es nicht.');
        let body: Buffer;
        try {
          body = await readFile(file);
        } catch {
          throw new HttpError(404, 'NOT_FOUND', 'Diese Datei gibt es nicht.');
        }
        pageHeaders(ctx);
        // Vite puts a content hash in every bundle name: safe to cache for long; the rest briefly.
        ctx.res.setHeader('Cache-Control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        ctx.res.setHeader('Content-Type', type);
        ctx.res.end(body);
      },
    },
  ];
}

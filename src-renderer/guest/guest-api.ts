/** The guest page's calls to its server: check the link, record the consent, report a problem. Bodies validated both ways. */
import { z } from 'zod';
import { CONSENT_TEXT_VERSION } from '../../src-shared/domain/appointment.js';
import {
  GuestConsentReply,
  GuestConsentRequest,
  GuestLinkCheckReply,
  GuestLinkCheckRequest,
  GuestPageProblem,
} from '../../src-shared/signalling/guest-api.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export class GuestApiError extends Error {
  override readonly name = 'GuestApiError';
  constructor(
    /** The server's code (LINK_EXPIRED …), or NETWORK when it could not be reached. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function post<T>(path: string, body: unknown, reply: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new GuestApiError('NETWORK', (error as Error).message);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    throw new GuestApiError(parsed.success ? parsed.data.error.code : `HTTP_${res.status}`, parsed.success ? parsed.data.error.message : res.statusText);
  }
  return reply.parse(json);
}

export function checkLink(link: string) {
  return post('./api/link', GuestLinkCheckRequest.parse({ link }), GuestLinkCheckReply);
}

export function giveConsent(link: string) {
  return post('./api/consent', GuestConsentRequest.parse({ link, textVersion: CONSENT_TEXT_VERSION, accepted: true }), GuestConsentReply);
}

/**
 * Tells the server's log that the page could not show a link (or itself): kind and length only, never the
 * fragment. Best effort: the guest sees the message whether or not this arrives.
 */
export function reportProblem(problem: GuestPageProblem): void {
  const body = JSON.stringify(GuestPageProblem.parse(problem));
  void fetch('./api/problem', { method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials: 'omit', cache: 'no-store', keepalive: true }).catch(() => {});
}

/**
 * The guest's place in the waiting room (or call) survives a reload of the tab: the server's resume token is kept
 * in session storage — this tab only, gone when it closes — together with the link it belongs to and the name
 * shown to the others (a resume `hello` carries it too) and the link's details (role, expiry).
 *
 * The resume token is a bearer secret: whoever presents it takes over the participant. It works once (the server
 * binds a new connection generation on resume), expires a little after the grace period (`resumeGraceMs`, 30 s by
 * default; the server renews it with every heartbeat), and the page deletes it as soon as the participation ends
 * (left, refused, closed, resume failed).
 */
import { z } from 'zod';
import { GuestLinkCheckReply } from '../../src-shared/signalling/guest-api.js';

const KEY = 'guest.resume';

const StoredResume = z.object({
  resumeToken: z.string().min(8).max(4096),
  displayName: z.string().min(1).max(80),
  /** What the link check said before the link was used: a used single-use link no longer passes the check. */
  details: GuestLinkCheckReply,
});
export type StoredResume = z.infer<typeof StoredResume>;

export function loadResume(link: string): StoredResume | null {
  let stored: unknown;
  try {
    stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
  // A different link opened in this tab starts afresh.
  if (typeof stored !== 'object' || stored === null || (stored as { link?: unknown }).link !== link) return null;
  const parsed = StoredResume.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function saveResume(link: string, resume: StoredResume): void {
  sessionStorage.setItem(KEY, JSON.stringify({ link, ...resume }));
}

export function forgetResume(): void {
  sessionStorage.removeItem(KEY);
}

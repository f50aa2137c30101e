/**
 * The link token travels in the URL fragment (`/guest/#<token>`), which the browser never sends to a server, so
 * it reaches no access log or proxy. The page moves it into session storage and clears the address bar (a
 * screen share or a glance over the shoulder shows no token); a reload in the same tab still finds it.
 *
 * A fragment that cannot be a link (cut, doubled, a broken %-escape, far too long, pasted from elsewhere) is told
 * apart here, before anything is sent, so the page can say what to do instead of going blank.
 */
import { GUEST_LINK_MAX_LENGTH, GuestLinkToken, type GuestPageProblem } from '../../src-shared/signalling/guest-api.js';

const KEY = 'guest.link';

export type LinkRead =
  | { readonly kind: 'link'; readonly token: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly problem: Exclude<GuestPageProblem['kind'], 'page_error'>; readonly length: number };

/** What a fragment (without its `#`) holds. Pure, so every malformed case is tested without a page. */
export function readFragment(fragment: string): LinkRead {
  if (!fragment.trim()) return { kind: 'none' };
  const length = fragment.length;
  // Not decoded at all beyond the limit: decoding 100,000 characters to refuse them gains nothing.
  if (length > GUEST_LINK_MAX_LENGTH * 3) return { kind: 'malformed', problem: 'link_too_long', length };
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment).trim();
  } catch {
    return { kind: 'malformed', problem: 'link_bad_escape', length };
  }
  if (decoded.length > GUEST_LINK_MAX_LENGTH) return { kind: 'malformed', problem: 'link_too_long', length };
  // Mail programs and chat apps sometimes wrap or decorate a link: a stray leading `#` or `/` is not the token.
  const token = decoded.replace(/^[#/]+/, '');
  return GuestLinkToken.safeParse(token).success ? { kind: 'link', token } : { kind: 'malformed', problem: 'link_bad_shape', length };
}

export function takeLinkFromLocation(): LinkRead {
  const fragment = location.hash.replace(/^#/, '');
  if (fragment) {
    // Whatever the fragment holds leaves the address bar, a malformed one too (it may be most of a valid token).
    history.replaceState(null, '', location.pathname + location.search);
    const read = readFragment(fragment);
    // A new link opened in this tab replaces the one kept before, also when it cannot be read: the guest meant it.
    if (read.kind === 'link') sessionStorage.setItem(KEY, read.token);
    else sessionStorage.removeItem(KEY);
    if (read.kind !== 'none') return read;
  }
  const kept = sessionStorage.getItem(KEY);
  if (kept && GuestLinkToken.safeParse(kept).success) return { kind: 'link', token: kept };
  sessionStorage.removeItem(KEY);
  return { kind: 'none' };
}

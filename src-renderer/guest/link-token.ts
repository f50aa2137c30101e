/**
 * The link token travels in the URL fragment (`/guest/#<token>`), which the browser never sends to a server, so
 * it reaches no access log or proxy. The page moves it into session storage and clears the address bar (a
 * screen share or a glance over the shoulder shows no token); a reload in the same tab still finds it.
 */
const KEY = 'guest.link';

export function takeLinkFromLocation(): string | null {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(KEY);
}

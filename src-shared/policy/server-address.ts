/**
 * What a person types as the server address, made into the URL the app uses: `beratung.agentur.de` and
 * `host:8443` get `https://`, loopback (`127.0.0.1:8470`, `localhost`) gets `http://` because the demo and
 * development servers run there without TLS. Anything else is refused with the sentence that says what to type.
 * Used by the sign-in forms (to say so before sending) and by the back office (which decides).
 */
import { ServerUrl } from './settings.js';

export const SERVER_ADDRESS_HINT =
  'Geben Sie die Adresse des Beratungsraum-Servers ein, z. B. beratung.ihre-agentur.de oder beratung.ihre-agentur.de:8443 (mit https://; http:// nur für localhost).';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?(\/.*)?$/i;

export type ServerAddress = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export function parseServerAddress(input: string): ServerAddress {
  const typed = input.trim().replace(/\/+$/, '');
  if (typed === '') return { ok: false, message: SERVER_ADDRESS_HINT };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `${LOOPBACK.test(typed) ? 'http' : 'https'}://${typed}`;
  const parsed = ServerUrl.safeParse(withScheme);
  if (!parsed.success || /\s/.test(withScheme)) return { ok: false, message: SERVER_ADDRESS_HINT };
  return { ok: true, url: parsed.data };
}

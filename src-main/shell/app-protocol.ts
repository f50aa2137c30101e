/** Serves the built renderer under app://beratungsraum/ with the security headers, and nothing else. */
import { net, protocol } from 'electron';
import { normalize, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_SECURITY_HEADERS } from '../../src-shared/web/page-security.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Must run before `app.ready`: a standard, secure scheme gets a real origin and secure-context APIs (getUserMedia). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const base = normalize(rendererDir + sep);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(base, decodeURIComponent(url.pathname)));
    if (url.host !== APP_HOST || !file.startsWith(base)) return new Response('Nicht gefunden', { status: 404 });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(upstream.headers);
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) headers.set(name, value);
    return new Response(upstream.body, { status: upstream.status, headers });
  });
}

/**
 * The one way to turn the configured server address into an endpoint. An agency may serve Beratungsraum under a
 * base path behind its reverse proxy (`https://video.example/beratungsraum`); every endpoint — API, health,
 * signalling, TURN grant — keeps that path, so sync, readiness and calls reach the same server.
 */

export class ServerAddressError extends Error {
  override readonly name = 'ServerAddressError';
  constructor(readonly address: string) {
    super(`Die Serveradresse „${address}“ ist keine http(s)-Adresse.`);
  }
}

/**
 * `path` (absolute, e.g. `/api/v1/health`) under the server's base path, as an absolute address. `scheme: 'ws'`
 * gives the WebSocket address of the same endpoint (`https` → `wss`, `http` → `ws`). Query and fragment of the
 * configured address are dropped. (A string, not a URL object: src-shared sees neither DOM nor Node types.)
 */
export function serverEndpoint(serverUrl: string, path: string, scheme: 'http' | 'ws' = 'http'): string {
  const match = /^(https?|wss?):\/\/([^/?#\s]+)([^?#\s]*)(?:[?#]\S*)?$/i.exec(serverUrl.trim());
  if (!match) throw new ServerAddressError(serverUrl);
  const secure = match[1]!.toLowerCase().endsWith('s');
  const protocol = scheme === 'ws' ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
  const basePath = match[3]!.replace(/\/+$/, '');
  return `${protocol}://${match[2]!.toLowerCase()}${basePath}${path.startsWith('/') ? path : `/${path}`}`;
}

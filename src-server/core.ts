/**
 * What the server's parts share: handed to the core API routes and to every extension (signalling, guest
 * links, TURN, review export), so none of them opens its own store or checks tokens its own way. The extension
 * types live here, in the core every extension already depends on; which extensions a server runs is decided
 * by its composition root (server.ts), so no module imports the extensions and is imported by them.
 *
 * To add an extension: export a `ServerExtension` from your folder and add it to `defaultExtensions` in
 * server.ts, one line. Tests can pass their own list as `startServer({ extensions })`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from '../src-shared/http/server-config.js';
import type { Auditor } from './access/audit.js';
import type { AccessPolicy } from './access/policy.js';
import type { Authenticator } from './auth/authenticator.js';
import type { Route } from './http/router.js';
import type { Repository } from './storage/repository.js';

export interface ServerCore {
  readonly config: ServerConfig;
  readonly repository: Repository;
  readonly auth: Authenticator;
  readonly access: AccessPolicy;
  readonly audit: Auditor;
  readonly log: (message: string) => void;
  /** The server's public base URL (config `http.publicUrl`, else the listening address); known once listening. */
  publicUrl(): string;
}

export interface ExtensionHandle {
  /** Routes beside the core API; a path may not repeat a core route. */
  readonly routes?: readonly Route[];
  /**
   * Called for every HTTP upgrade request (WebSocket) in registration order; return true when this extension
   * took the socket. A request no extension takes is answered with 404 and closed.
   */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Called on `close()` before the HTTP server closes: end sockets, timers, Redis connections. */
  close?(): Promise<void> | void;
}

export interface ServerExtension {
  readonly name: string;
  /** Runs once before the server listens; `core.publicUrl()` is valid only from the first request on. */
  setup(core: ServerCore): ExtensionHandle | Promise<ExtensionHandle>;
}

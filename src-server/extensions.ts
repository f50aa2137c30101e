/**
 * How the server's other parts plug into `startServer` without editing it: an extension gets the shared core
 * (config, store, authenticator, access policy, audit) and returns HTTP routes, an `upgrade` handler for
 * WebSocket connections on the same port, and a `close` hook.
 *
 * To add one (signalling, guest links, TURN credentials, guest page, review export): export a
 * `ServerExtension` from your folder and add it to `defaultExtensions` below, one line. Tests can pass their own
 * list as `startServer({ extensions })`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerCore } from './core.js';
import type { Route } from './http/router.js';
import { reviewExtension } from './review/extension.js';
import { signallingExtension } from './signalling/extension.js';
import { readinessTurnExtension } from './turn/staff-grant.js';
import { defaultUpdateFeedExtension } from './updates/extension.js';

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

/** The extensions `npm run server` and `startServer()` load unless told otherwise. */
export const defaultExtensions: readonly ServerExtension[] = [reviewExtension, signallingExtension, readinessTurnExtension, defaultUpdateFeedExtension];

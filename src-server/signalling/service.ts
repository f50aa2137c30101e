/**
 * Composition of the signalling half of the server: hub, room store (memory or Redis), guest links and their
 * ledger, and the HTTP routes. The server core registers `routes` with its router and hands WebSocket upgrades
 * on `SIGNALLING_PATH` to `handleUpgrade`.
 */
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SIGNALLING_PATH } from '../../src-shared/signalling/messages.js';
import type { Route } from '../http/router.js';
import { FileLinkLedger, RedisLinkLedger, type LinkLedger } from '../guest/link-ledger.js';
import { GuestLinks } from '../guest/links.js';
import { guestLinkRoutes, guestPageRoutes } from '../guest/routes.js';
import type { SignallingConfig } from './config.js';
import type { SignallingHost } from './host.js';
import { SignallingHub } from './hub.js';
import { FileRoomStore } from './file-room-store.js';
import { RedisRoomStore } from './redis-room-store.js';
import { MemoryRoomStore, type RoomStore } from './room-store.js';
import { TokenSigner } from './signed-token.js';
import { waitingRoomRoutes } from './waiting-rooms.js';

export interface SignallingServiceOptions {
  config: SignallingConfig;
  host: SignallingHost;
  /** Folder for the guest-link ledger and the rooms of a single-process server (ignored with Redis); null = memory only. */
  dataDir: string | null;
  /** Built renderer output holding `guest.html` and `assets/` (vite's outDir). */
  guestPageDir: string;
  log?: (message: string) => void;
}

export interface SignallingService {
  readonly hub: SignallingHub;
  readonly links: GuestLinks;
  readonly routes: Route[];
  /** Takes the upgrade if it is for the signalling path; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ip?: string): boolean;
  close(): Promise<void>;
}

export function createSignallingService(options: SignallingServiceOptions): SignallingService {
  const { config, host } = options;
  const signer = new TokenSigner(config.secret);
  const store: RoomStore = config.redisUrl
    ? new RedisRoomStore(config.redisUrl, {
        liveness: { ttlMs: config.livenessTtlMs, refreshMs: config.livenessRefreshMs },
        ...(options.log ? { log: options.log } : {}),
      })
    : options.dataDir
      ? new FileRoomStore(join(options.dataDir, 'signalling-rooms.json'), options.log)
      : new MemoryRoomStore();
  const ledger: LinkLedger = config.redisUrl ? new RedisLinkLedger(config.redisUrl) : new FileLinkLedger(options.dataDir ? join(options.dataDir, 'guest-links.json') : null);
  const links = new GuestLinks(signer, ledger, () => config.publicOrigin, host);
  const hub = new SignallingHub({ config, store, host, links, signer, ...(options.log ? { log: options.log } : {}) });
  return {
    hub,
    links,
    routes: [...guestLinkRoutes({ links, host, members: (appointmentId) => store.members(appointmentId), log: options.log ?? ((message) => console.warn(`[guest] ${message}`)) }), ...waitingRoomRoutes({ store, host }), ...guestPageRoutes(options.guestPageDir)],
    handleUpgrade(req, socket, head, ip) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== SIGNALLING_PATH) return false;
      hub.handleUpgrade(req, socket, head, ip ?? req.socket.remoteAddress ?? 'unbekannt');
      return true;
    },
    async close() {
      await hub.close();
      await Promise.allSettled([store.close(), ledger.close()]);
    },
  };
}

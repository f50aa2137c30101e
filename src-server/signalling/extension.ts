/**
 * Plugs signalling, guest links, the guest page and TURN credentials into the server core (`ServerExtension`, ../core.ts):
 * reads the `signalling`, `guest` and `turn` config sections, and implements `SignallingHost` over the core's
 * authenticator, access policy and consent store, which audit every refusal.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GuestSettings, SignallingSettings, TurnSettings } from '../../src-shared/signalling/config.js';
import { recordConsent } from '../consent.js';
import type { ServerCore } from '../core.js';
import type { ServerExtension } from '../core.js';
import { HttpError } from '../http/errors.js';
import type { SignallingHost } from './host.js';
import { createSignallingService } from './service.js';

/** A random key kept in the data folder, so guest links of the embedded server survive a restart. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'signalling-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

function coreHost(core: ServerCore): SignallingHost {
  return {
    async authenticate(token, ip, action) {
      // The authenticator reads the Authorization header; the WebSocket hello carries the token in its body.
      const req = { headers: { authorization: `Bearer ${token}` } } as IncomingMessage;
      try {
        return await core.auth.authenticate(req, ip, action);
      } catch (error) {
        if (error instanceof HttpError) return null;
        throw error;
      }
    },
    async mayHost(user, appointmentId, ip, action) {
      return (await core.access.appointmentForAction(user, appointmentId, ip, action)) !== null;
    },
    async recordConsent(consent, context) {
      // The appointment's consent is the customer's; interpreters and carers consent for themselves (kept with
      // the guest link's ledger entry) without changing it.
      if (context.role === 'customer') await recordConsent(core.repository, consent, `guest-link:${context.linkId}`);
    },
    async appointmentSlot(appointmentId) {
      const appointment = await core.repository.appointments.get(appointmentId);
      return appointment && { status: appointment.status, start: appointment.start, end: appointment.end };
    },
    guestDenied: (ip, action, linkId, reason) => core.audit.denied(null, ip, action, linkId, reason),
  };
}

export const signallingExtension: ServerExtension = {
  name: 'signalling',
  setup(core) {
    const settings = SignallingSettings.parse(core.config.signalling ?? {});
    const guest = GuestSettings.parse(core.config.guest ?? {});
    const turn = TurnSettings.parse(core.config.turn ?? {});
    const redisUrl = settings.redisUrl ?? '';
    if (redisUrl && !settings.secret) throw new Error('Mit Redis (mehrere Prozesse) muss signalling.secret gesetzt sein, auf allen Prozessen gleich.');
    const dataDir = resolve(core.config.storage.dataDir);
    const { secret: _secret, redisUrl: _redisUrl, ...limits } = settings;
    const service = createSignallingService({
      config: {
        ...limits,
        secret: settings.secret ?? persistentSecret(dataDir),
        redisUrl,
        get publicOrigin() {
          return core.publicUrl();
        },
        turn: { secret: turn.secret ?? '', urls: turn.urls, ttlSeconds: turn.ttlSeconds },
      },
      host: coreHost(core),
      dataDir,
      guestPageDir: resolve(guest.pageDir),
      log: (message) => core.log(`[signalling] ${message}`),
    });
    const trustProxy = core.config.http.trustProxy;
    return {
      routes: service.routes,
      upgrade(req, socket, head) {
        const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
        return service.handleUpgrade(req, socket, head, forwarded || req.socket.remoteAddress || 'unbekannt');
      },
      close: () => service.close(),
    };
  },
};

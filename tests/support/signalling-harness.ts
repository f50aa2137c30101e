/**
 * A server process with only the signalling half (hub, guest links, guest page routes) over the core's router,
 * and a fake host in place of the core's auth and repository: signalling tests control users, appointments
 * and consents directly. `tests/support/signalling-node.ts` runs the same in a child process (scale-out tests).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Appointment, ConsentRecord } from '../../src-shared/domain/appointment.js';
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import { SignallingSettings } from '../../src-shared/signalling/config.js';
import { HttpError } from '../../src-server/http/errors.js';
import { createRouter, sendError } from '../../src-server/http/router.js';
import type { SignallingHost } from '../../src-server/signalling/host.js';
import { createSignallingService, type SignallingService } from '../../src-server/signalling/service.js';
import type { TurnConfig } from '../../src-server/turn/credentials.js';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

const TOMORROW = (() => {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return { start: `${day}T10:00:00.000Z`, end: `${day}T11:00:00.000Z` };
})();

export class FakeHost implements SignallingHost {
  readonly users = new Map<string, SessionUser>();
  /** appointmentId → counsellor id */
  readonly appointments = new Map<string, string>();
  readonly consents: Array<ConsentRecord & { role: string; linkId: string }> = [];
  readonly denied: string[] = [];
  /** Status and time of appointments whose test changes them (cancel, move, end); others are planned, tomorrow 10–11 UTC. */
  readonly slots = new Map<string, Pick<Appointment, 'status' | 'start' | 'end'>>();

  /** A counsellor with their own appointment; returns the bearer token and the appointment id. */
  counsellor(name = 'Frau Beispiel'): { token: string; user: SessionUser; appointmentId: string } {
    const user: SessionUser = { id: `u-${randomUUID().slice(0, 8)}`, displayName: name, role: 'counsellor', fachdienst: 'AV', region: 'RD-NRW' };
    const token = `tok-${randomUUID()}`;
    this.users.set(token, user);
    const appointmentId = randomUUID();
    this.appointments.set(appointmentId, user.id);
    return { token, user, appointmentId };
  }

  async authenticate(token: string, _ip: string, action: string): Promise<SessionUser | null> {
    const user = this.users.get(token) ?? null;
    if (!user) this.denied.push(`${action}:unauthenticated`);
    return user;
  }

  async mayHost(user: SessionUser, appointmentId: string, _ip: string, action: string): Promise<boolean> {
    const ok = this.appointments.get(appointmentId) === user.id;
    if (!ok) this.denied.push(`${action}:${appointmentId}`);
    return ok;
  }

  async recordConsent(consent: ConsentRecord, context: { role: string; linkId: string }): Promise<void> {
    this.consents.push({ ...consent, ...context });
  }

  async appointmentSlot(appointmentId: string): Promise<Pick<Appointment, 'status' | 'start' | 'end'> | null> {
    if (!this.appointments.has(appointmentId)) return null;
    return this.slots.get(appointmentId) ?? { status: 'planned', ...TOMORROW };
  }

  async guestDenied(_ip: string, action: string, linkId: string, reason: string): Promise<void> {
    this.denied.push(`${action}:${linkId}:${reason}`);
  }
}

export interface Harness {
  url: string;
  host: FakeHost;
  service: SignallingService;
  server: Server;
  close(): Promise<void>;
}

export async function startHarness(
  options: { settings?: Partial<SignallingSettings>; redisUrl?: string; turn?: TurnConfig; host?: FakeHost; guestPageDir?: string; port?: number; dataDir?: string; log?: (message: string) => void } = {},
): Promise<Harness> {
  const host = options.host ?? new FakeHost();
  const { secret: _s, redisUrl: _r, ...limits } = SignallingSettings.parse(options.settings ?? {});
  const server = createServer();
  let url = '';
  const service = createSignallingService({
    config: {
      ...limits,
      secret: TEST_SECRET,
      redisUrl: options.redisUrl ?? '',
      get publicOrigin() {
        return url;
      },
      turn: options.turn ?? { secret: 'turn-secret-for-tests-0123456789', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 600 },
    },
    host,
    dataDir: options.dataDir ?? null,
    guestPageDir: options.guestPageDir ?? 'out/renderer',
    log: options.log ?? (() => {}),
  });
  const router = createRouter();
  for (const route of service.routes) router.add(route);
  server.on('request', (req, res) => {
    void (async () => {
      try {
        const parsed = new URL(req.url ?? '/', 'http://x.invalid');
        const { route, params } = router.match(req.method ?? 'GET', parsed.pathname);
        await route.handle({ req, res, url: parsed, params, ip: req.socket.remoteAddress ?? '' });
      } catch (error) {
        sendError(res, error instanceof HttpError ? error : new HttpError(500, 'INTERNAL', String(error)));
      }
    })();
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!service.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    host,
    service,
    server,
    async close() {
      await service.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

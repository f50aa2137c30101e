/**
 * The shared signalling client (src-shared/signalling/client.ts) on a scripted socket and vitest's fake timers:
 * backoff and grace period of the resume, the resume hello itself, what it does with frames that are no valid
 * server message, heartbeats, and leaving. The real server and `ws` are covered by the other tests here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignallingClient, SignallingError, type SignallingClientOptions, type SignallingTransport, type SocketEvents, type SocketLike } from '../../../src-shared/signalling/client.js';
import { ClientMessage, CloseCode, type ServerMessageOf } from '../../../src-shared/signalling/messages.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;
/** What `ws` reports for a connection that ended without a close frame. */
const ABNORMAL = 1006;

/** One connection as the server side of a test sees it. */
class FakeSocket implements SocketLike {
  readyState = CONNECTING;
  readonly sent: ClientMessage[] = [];
  constructor(
    readonly url: string,
    private readonly events: SocketEvents,
  ) {}

  send(text: string): void {
    if (this.readyState !== OPEN) throw new Error('send on a socket that is not open');
    this.sent.push(ClientMessage.parse(JSON.parse(text)));
  }

  /** The client drops the connection: the close event follows asynchronously, as with `ws` and the browser. */
  close(): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    queueMicrotask(() => this.events.close(ABNORMAL));
  }

  accept(): void {
    this.readyState = OPEN;
    this.events.open();
  }

  deliver(frame: unknown): void {
    this.events.message(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The server (or the network) ends the connection with `code`. */
  end(code: number): void {
    this.readyState = CLOSED;
    this.events.close(code);
  }
}

function fakeTransport() {
  const sockets: FakeSocket[] = [];
  const transport: SignallingTransport = {
    openSocket(url, events) {
      const socket = new FakeSocket(url, events);
      sockets.push(socket);
      return socket;
    },
    // The global timers, which vi.useFakeTimers() replaces (and Date) for each test.
    timers: globalThis,
  };
  return { transport, sockets, last: () => sockets[sockets.length - 1]! };
}

const SELF_ID = 'guest-0001';
const RESUME_TOKEN = 'resume-token-1';

function welcome(overrides: Partial<ServerMessageOf<'welcome'>> = {}): ServerMessageOf<'welcome'> {
  return {
    type: 'welcome',
    v: 1,
    roomId: '3f1b8c2e-7a4d-4e2b-9c1a-5d6e7f8a9b0c',
    self: { id: SELF_ID, role: 'customer', displayName: 'Kundin', connected: true },
    state: 'waiting',
    resumeToken: RESUME_TOKEN,
    resumeGraceMs: 10_000,
    heartbeatMs: 5_000,
    participants: [],
    waiting: [],
    iceServers: [],
    iceExpiresAt: null,
    resumed: false,
    ...overrides,
  };
}

const guestOptions: SignallingClientOptions = {
  serverUrl: 'https://video.example/app/',
  auth: { kind: 'guest', link: 'link-token-1', consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
  displayName: 'Kundin',
};

/** A client that got its welcome on the first socket. */
async function connected(options: Partial<SignallingClientOptions> = {}, first = welcome()) {
  const fake = fakeTransport();
  const client = new SignallingClient({ ...guestOptions, ...options }, fake.transport);
  const states: string[] = [];
  client.on('state', (state) => states.push(state));
  const connecting = client.connect();
  fake.last().accept();
  fake.last().deliver(first);
  await connecting;
  return { client, states, ...fake };
}

/** Advance the fake clock until the client opens its next socket; returns how long that took. */
async function untilNextSocket(sockets: readonly FakeSocket[], limitMs = 5000): Promise<number> {
  const before = sockets.length;
  for (let waited = 0; waited <= limitMs; waited += 10) {
    if (sockets.length > before) return waited;
    await vi.advanceTimersByTimeAsync(10);
  }
  throw new Error(`no new socket within ${limitMs} ms`);
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('shared signalling client', () => {
  it('says hello at the signalling path under the server’s base path and resolves with the welcome', async () => {
    const { client, sockets } = await connected();
    expect(sockets[0]!.url).toBe('wss://video.example/app/signalling');
    expect(sockets[0]!.sent[0]).toEqual({ type: 'hello', v: 1, auth: guestOptions.auth, displayName: 'Kundin' });
    expect(client.state).toBe('open');
    expect(client.participantId).toBe(SELF_ID);
  });

  it('rejects connect with the server’s code on a fatal error, and with CLOSED when the socket closes first', async () => {
    const fake = fakeTransport();
    const refused = new SignallingClient(guestOptions, fake.transport).connect();
    fake.last().accept();
    fake.last().deliver({ type: 'error', code: 'LINK_EXPIRED', message: 'Der Link ist abgelaufen.', fatal: true });
    await expect(refused).rejects.toMatchObject({ name: 'SignallingError', code: 'LINK_EXPIRED', message: 'Der Link ist abgelaufen.' });

    const unreachable = new SignallingClient(guestOptions, fake.transport).connect();
    fake.last().end(ABNORMAL);
    await expect(unreachable).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('rejects connect with BAD_URL for a server address that is not http(s), without opening a socket', async () => {
    const fake = fakeTransport();
    await expect(new SignallingClient({ ...guestOptions, serverUrl: 'video.example' }, fake.transport).connect()).rejects.toMatchObject({ code: 'BAD_URL' });
    expect(fake.sockets).toHaveLength(0);
  });

  it('reports frames that are no valid server message as protocol errors, drops them and stays usable', async () => {
    const { client, last } = await connected();
    const problems: string[] = [];
    const messages: string[] = [];
    client.on('protocolError', (text) => problems.push(text));
    client.on('message', (message) => messages.push(message.type));

    expect(() => last().deliver('{not json')).not.toThrow();
    expect(() => last().deliver({ type: 'participant.left', participantId: 'x', reason: 'bored' })).not.toThrow();
    expect(() => last().deliver({ type: 'no.such.type' })).not.toThrow();
    last().deliver({ type: 'pong', id: 1 });

    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Ungültige Nachricht vom Server \(kein JSON\): /);
    // The schema's complaint names the field, so the report says what was wrong.
    expect(problems[1]).toMatch(/^Ungültige Nachricht vom Server: [\s\S]*participantId/);
    expect(messages).toEqual(['pong']);
    expect(client.state).toBe('open');
    client.send({ type: 'ice.refresh' });
    expect(last().sent.at(-1)).toEqual({ type: 'ice.refresh' });
  });

  it('ignores an invalid frame before the welcome and still connects', async () => {
    const fake = fakeTransport();
    const client = new SignallingClient(guestOptions, fake.transport);
    const problems: string[] = [];
    client.on('protocolError', (text) => problems.push(text));
    const connecting = client.connect();
    fake.last().accept();
    fake.last().deliver({ type: 'welcome', v: 2 });
    fake.last().deliver(welcome());
    await expect(connecting).resolves.toMatchObject({ type: 'welcome' });
    expect(problems).toHaveLength(1);
  });

  it('resumes after a drop with backoff 100, 200, 400 … ms up to 2 s, with the resume token', async () => {
    const { client, states, sockets, last } = await connected();
    last().end(ABNORMAL);
    expect(client.state).toBe('resuming');

    // Each attempt fails (the network is still down); the next waits twice as long.
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      waits.push(await untilNextSocket(sockets));
      last().end(ABNORMAL);
    }
    expect(waits).toEqual([100, 200, 400, 800, 1600, 2000]);

    // The network is back: the next attempt says hello with the resume token, not the link.
    const before = sockets.length;
    await vi.advanceTimersByTimeAsync(2000);
    expect(sockets).toHaveLength(before + 1);
    last().accept();
    expect(last().sent[0]).toEqual({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: RESUME_TOKEN }, displayName: 'Kundin' });
    last().deliver(welcome({ resumed: true, state: 'admitted', resumeToken: 'resume-token-2' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(client.state).toBe('open');
    expect(client.participantId).toBe(SELF_ID);
    expect(states).toEqual(['open', 'resuming', 'open']);

    // A successful resume resets the backoff, and the next resume uses the newest token.
    last().end(ABNORMAL);
    const afterSecondDrop = sockets.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(afterSecondDrop + 1);
    last().accept();
    expect(last().sent[0]).toMatchObject({ auth: { kind: 'resume', resumeToken: 'resume-token-2' } });
  });

  it('gives up once the grace period of the welcome is over', async () => {
    const { client, sockets, last } = await connected({}, welcome({ resumeGraceMs: 3000 }));
    last().end(ABNORMAL);
    // A next attempt is planned while the drop is inside the grace period: after the failures at +100, +300,
    // +700 and +1500 ms, so the fifth goes out at +3100 ms; after its failure the drop is older than 3 s.
    const attemptsAt: number[] = [];
    const droppedAt = Date.now();
    for (let i = 0; i < 5; i++) {
      await untilNextSocket(sockets);
      attemptsAt.push(Date.now() - droppedAt);
      last().end(ABNORMAL);
    }
    expect(attemptsAt).toEqual([100, 300, 700, 1500, 3100]);
    expect(client.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(6);
  });

  it('stops resuming when the server refuses the resume token', async () => {
    const { client, sockets, last } = await connected();
    last().end(ABNORMAL);
    await vi.advanceTimersByTimeAsync(100);
    last().accept();
    last().deliver({ type: 'error', code: 'RESUME_FAILED', message: 'Ihr Platz ist nicht mehr frei.', fatal: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(client.state).toBe('closed');
    last().end(CloseCode.unauthorized);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(2);
  });

  it('does not resume when the server ended the participation, or when resume is off', async () => {
    for (const [options, code] of [
      [{}, CloseCode.roomClosed],
      [{}, CloseCode.normal],
      [{ resume: false }, ABNORMAL],
    ] as const) {
      const { client, sockets, last } = await connected(options);
      last().end(code);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(client.state).toBe('closed');
      expect(sockets).toHaveLength(1);
    }
    // The heartbeat timeout is a drop, not a decision: resumed.
    const { client, sockets, last } = await connected();
    last().end(CloseCode.heartbeatTimeout);
    expect(client.state).toBe('resuming');
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
  });

  it('sends heartbeats while open, none while resuming; refuses send but lets sendIfOpen drop while resuming', async () => {
    const { client, last } = await connected();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(last().sent.filter((m) => m.type === 'ping')).toEqual([
      { type: 'ping', id: 1 },
      { type: 'ping', id: 2 },
    ]);
    const first = last();
    first.end(ABNORMAL);
    expect(() => client.send({ type: 'ice.refresh' })).toThrow(SignallingError);
    expect(() => client.sendIfOpen({ type: 'ice.refresh' })).not.toThrow();
    await vi.advanceTimersByTimeAsync(99);
    expect(first.sent.filter((m) => m.type === 'ping')).toHaveLength(2);
  });

  it('next() resolves with the matching message and rejects with TIMEOUT after its time', async () => {
    const { client, last } = await connected();
    const pong = client.next('pong', (m) => m.id === 7);
    last().deliver({ type: 'pong', id: 6 });
    last().deliver({ type: 'pong', id: 7 });
    await expect(pong).resolves.toEqual({ type: 'pong', id: 7 });

    const never = client.next('admitted', () => true, 1000);
    const rejected = expect(never).rejects.toMatchObject({ code: 'TIMEOUT' });
    await vi.advanceTimersByTimeAsync(1000);
    await rejected;
  });

  it('leave() says leave, waits up to 2 s for the server to close, then drops the socket; no resume after', async () => {
    const { client, sockets, last } = await connected();
    const left = client.leave();
    expect(last().sent.at(-1)).toEqual({ type: 'leave' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(last().readyState).toBe(OPEN);
    await vi.advanceTimersByTimeAsync(1);
    await left;
    expect(last().readyState).toBe(CLOSED);
    expect(client.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);

    const counsellor = await connected();
    const ended = counsellor.client.leave(true);
    expect(counsellor.last().sent.at(-1)).toEqual({ type: 'close' });
    counsellor.last().end(CloseCode.normal);
    await ended;
    expect(counsellor.client.state).toBe('closed');
  });
});

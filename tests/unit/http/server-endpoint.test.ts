/**
 * One server address, one set of endpoints: sync, the device check's health probe and TURN grant, and signalling
 * all keep the base path an agency's reverse proxy serves Beratungsraum under.
 */
import { describe, expect, it } from 'vitest';
import { ServerAddressError, serverEndpoint } from '../../../src-shared/http/server-endpoint.js';
import { createSyncApi } from '../../../src-main/services/sync/api-client.js';
import { probeServer } from '../../../src-main/services/readiness/server-health.js';
import { fetchTurnTarget } from '../../../src-main/services/readiness/turn-grant.js';
import { SignallingClient, type SignallingTransport } from '../../../src-shared/signalling/client.js';

const BEHIND_PROXY = 'https://video.example/beratungsraum/';

describe('serverEndpoint', () => {
  it.each([
    ['https://video.example', '/api/v1/health', 'http', 'https://video.example/api/v1/health'],
    ['https://video.example/beratungsraum', '/api/v1/health', 'http', 'https://video.example/beratungsraum/api/v1/health'],
    ['https://video.example/beratungsraum//', '/signalling', 'ws', 'wss://video.example/beratungsraum/signalling'],
    ['http://127.0.0.1:8080', '/signalling', 'ws', 'ws://127.0.0.1:8080/signalling'],
    ['HTTPS://Video.Example/x?probe=1#frag', '/api/v1/', 'http', 'https://video.example/x/api/v1/'],
    ['wss://video.example/app', '/api/v1/ops', 'http', 'https://video.example/app/api/v1/ops'],
  ] as const)('%s + %s (%s) → %s', (address, path, scheme, expected) => {
    expect(serverEndpoint(address, path, scheme)).toBe(expected);
  });

  it.each(['video.example', 'ftp://video.example', 'https://', '', 'https://video example'])('refuses „%s“ with a German message', (address) => {
    expect(() => serverEndpoint(address, '/api/v1/health')).toThrow(ServerAddressError);
    expect(() => serverEndpoint(address, '/api/v1/health')).toThrow(/ist keine http\(s\)-Adresse/);
  });
});

describe('every client of the server reaches it under its base path', () => {
  const fetched: string[] = [];
  const fakeFetch = (async (input: string | URL | Request) => {
    fetched.push(String(input instanceof Request ? input.url : input));
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

  it('sync, health probe, TURN grant and signalling', async () => {
    await createSyncApi(BEHIND_PROXY, fakeFetch).health(1_000).catch(() => undefined);
    await probeServer(BEHIND_PROXY, 1, 1_000, fakeFetch).catch(() => undefined);
    await fetchTurnTarget({ serverUrl: BEHIND_PROXY, token: 't' }, fakeFetch).catch(() => undefined);
    const opened: string[] = [];
    const transport: SignallingTransport = {
      openSocket(url) {
        opened.push(url);
        throw new Error('no network in this test');
      },
      timers: globalThis,
    };
    const client = new SignallingClient({ serverUrl: BEHIND_PROXY, auth: { kind: 'guest', link: 'link-token-1', consentId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }, displayName: 'Kundin' }, transport);
    await client.connect().catch(() => undefined);
    client.destroy();

    expect(fetched).toEqual([
      'https://video.example/beratungsraum/api/v1/health',
      'https://video.example/beratungsraum/api/v1/health',
      'https://video.example/beratungsraum/api/v1/readiness/turn-credentials',
    ]);
    expect(opened[0]).toBe('wss://video.example/beratungsraum/signalling');
  });
});

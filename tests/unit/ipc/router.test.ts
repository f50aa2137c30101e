import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../src-main/ipc/router.js';
import { methods, type ReplyOf } from '../../../src-shared/ipc/contract.js';

const info: ReplyOf<'app.info'> = {
  name: 'Beratungsraum',
  version: '0.1.0',
  shell: 'web',
  platform: 'linux',
  runtime: { node: '20', electron: null, chrome: null },
  startedAt: '2026-11-23T08:00:00.000Z',
};

function makeRouter(overrides: Partial<Handlers> = {}) {
  // Only the app methods are exercised here; the rest of the contract's handlers are the services' business.
  const handlers = {
    'app.info': () => info,
    'preferences.get': () => ({ language: 'de' }),
    'preferences.set': (request) => ({ language: request.language ?? 'de' }),
    ...overrides,
  } as Handlers;
  const onRejected = vi.fn();
  const router = createRouter(handlers, {
    isTrustedFrame: (url, isMainFrame) => isMainFrame && url.startsWith('app://beratungsraum/'),
    onRejected,
  });
  return { router, onRejected };
}

const appFrame = { transport: 'electron', frameUrl: 'app://beratungsraum/index.html', isMainFrame: true } as const;

describe('IPC router', () => {
  it('answers a contract method from a trusted frame with a validated reply', async () => {
    const { router } = makeRouter();
    expect(await router.dispatch('app.info', {}, appFrame)).toEqual({ ok: true, value: info });
  });

  it('rejects a channel outside the contract', async () => {
    const { router, onRejected } = makeRouter();
    const result = await router.dispatch('fs.readFile', { path: '/etc/passwd' }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(onRejected).toHaveBeenCalledOnce();
  });

  it('does not treat inherited object keys as methods', async () => {
    const { router } = makeRouter();
    expect(await router.dispatch('constructor', {}, appFrame)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await router.dispatch('__proto__', {}, appFrame)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('rejects an invalid payload and names the offending field', async () => {
    const { router } = makeRouter();
    const result = await router.dispatch('preferences.set', { language: 'fr' }, appFrame);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_PAYLOAD');
    expect(result.error.details?.[0]).toMatch(/^language:/);
  });

  it('rejects unknown extra fields rather than passing them to a service', async () => {
    const { router } = makeRouter();
    const result = await router.dispatch('preferences.set', { language: 'en', admin: true }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('rejects a foreign sender before looking at the payload', async () => {
    const handler = vi.fn(() => info);
    const { router } = makeRouter({ 'app.info': handler });
    const foreign = { transport: 'electron', frameUrl: 'https://evil.example/', isMainFrame: true } as const;
    const subframe = { transport: 'electron', frameUrl: 'app://beratungsraum/index.html', isMainFrame: false } as const;
    const unauthenticated = { transport: 'web', authenticated: false } as const;
    for (const sender of [foreign, subframe, unauthenticated]) {
      expect(await router.dispatch('app.info', {}, sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('reports a reply that breaks the contract instead of passing it on', async () => {
    const { router } = makeRouter({ 'preferences.get': () => ({ language: 'klingon' }) as never });
    expect(await router.dispatch('preferences.get', {}, appFrame)).toMatchObject({ ok: false, error: { code: 'INVALID_REPLY' } });
  });

  it('turns a thrown service error into SERVICE_FAILED with its message', async () => {
    const { router } = makeRouter({
      'app.info': () => {
        throw new Error('Datenträger voll');
      },
    });
    expect(await router.dispatch('app.info', {}, appFrame)).toEqual({ ok: false, error: { code: 'SERVICE_FAILED', message: 'Datenträger voll' } });
  });

  it('has a schema pair for every method of the contract', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.request, name).toBeDefined();
      expect(spec.reply, name).toBeDefined();
    }
  });
});

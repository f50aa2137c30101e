import { describe, expect, expectTypeOf, it } from 'vitest';
import { createBridge, transportCalls, type BridgeTransport } from '../../../src-shared/ipc/bridge.js';
import { methodNames, type ReplyOf } from '../../../src-shared/ipc/contract.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { startBackOffice } from '../../../src-main/back-office.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function bridgeOverRealBackOffice() {
  const backOffice = await startBackOffice({ shell: 'web', dataDir: await mkdtemp(join(tmpdir(), 'br-bridge-')), log: () => {} });
  const listeners = new Set<(name: string, payload: unknown) => void>();
  backOffice.events.attach((name, payload) => listeners.forEach((listener) => listener(name, payload)));
  const transport: BridgeTransport = {
    call: transportCalls((method, payload) => backOffice.router.dispatch(method, payload, { transport: 'web', authenticated: true })),
    on(event, listener) {
      const wrapped = (name: string, payload: unknown) => name === event && listener(payload);
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
  return { bridge: createBridge(transport), transport, backOffice };
}

describe('contract round trip', () => {
  it('exposes exactly the contract’s methods on a transport', () => {
    const transport = transportCalls(async () => ({ ok: true, value: null }));
    expect(Object.keys(transport).sort()).toEqual([...methodNames].sort());
    expect(Object.isFrozen(transport)).toBe(true);
  });

  it('carries a typed reply from the back office to the caller', async () => {
    const { bridge } = await bridgeOverRealBackOffice();
    const info = await bridge.call['app.info']({});
    expectTypeOf(info).toEqualTypeOf<ReplyOf<'app.info'>>();
    expect(info).toMatchObject({ name: 'Beratungsraum', shell: 'web' });
  });

  it('turns an error result into a thrown IpcError with its code', async () => {
    const { bridge } = await bridgeOverRealBackOffice();
    // @ts-expect-error -- 'fr' is not a language of the contract; the back office must refuse it
    const failure = await bridge.call['preferences.set']({ language: 'fr' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IpcError);
    expect((failure as IpcError).code).toBe('INVALID_PAYLOAD');
  });

  it('delivers validated events and persists preferences', async () => {
    const { bridge, backOffice } = await bridgeOverRealBackOffice();
    const seen: string[] = [];
    const off = bridge.on('preferences.changed', (preferences) => seen.push(preferences.language));
    await bridge.call['preferences.set']({ language: 'en' });
    off();
    await bridge.call['preferences.set']({ language: 'de' });
    expect(seen).toEqual(['en']);
    await backOffice.close();
  });

  it('refuses a reply that breaks the contract even if the transport lets it through', async () => {
    const bridge = createBridge({
      call: transportCalls(async () => ({ ok: true, value: { language: 'tlh' } })),
      on: () => () => {},
    });
    await expect(bridge.call['preferences.get']({})).rejects.toMatchObject({ code: 'INVALID_REPLY' });
  });
});

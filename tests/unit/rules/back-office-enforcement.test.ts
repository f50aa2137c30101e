import { describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { localDataHandlers } from '../../../src-main/services/store/local-data-handlers.js';
import type { LocalData } from '../../../src-main/services/store/local-data.js';
import { appointment } from './fixtures.js';

/** The handlers with a store that holds one appointment and records the writes that reach it. */
function handlersWith(cached: ReturnType<typeof appointment>) {
  const store = {
    appointment: vi.fn(() => cached),
    setAppointmentChannel: vi.fn((_id: string, channel: string) => ({ ...cached, channel })),
    setAppointmentStatus: vi.fn((_id: string, status: string) => ({ ...cached, status })),
  };
  const data = { use: () => store, changed: vi.fn() } as unknown as LocalData;
  return { handlers: localDataHandlers(data), store };
}

async function refusal(promise: Promise<unknown>): Promise<IpcError> {
  const error = await promise.then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(IpcError);
  return error as IpcError;
}

describe('the back office enforces the BA rules before a change reaches the outbox', () => {
  it('refuses video for the § 141 Erstgespräch and writes nothing', async () => {
    const alo = appointment({ type: 'erstgespraech_alo', channel: 'praesenz' });
    const { handlers, store } = handlersWith(alo);
    const error = await refusal(
      Promise.resolve(handlers['appointments.setChannel']({ appointmentId: alo.id, channel: 'video', reason: 'customer_request' })),
    );
    expect(error.code).toBe('REFUSED');
    expect(error.details).toEqual(['ERSTGESPRAECH_ALO_NUR_PRAESENZ']);
    expect(error.message).toContain('§ 141 SGB III');
    expect(store.setAppointmentChannel).not.toHaveBeenCalled();
  });

  it('lets a Beratung move to Telefon (a warning, not a refusal)', async () => {
    const follow = appointment({ type: 'folgegespraech', channel: 'video' });
    const { handlers, store } = handlersWith(follow);
    await handlers['appointments.setChannel']({ appointmentId: follow.id, channel: 'telefon', reason: 'technical' });
    expect(store.setAppointmentChannel).toHaveBeenCalledOnce();
  });

  it('refuses "held" before the appointment has begun', async () => {
    const future = appointment({ start: new Date(Date.now() + 3_600_000).toISOString(), end: new Date(Date.now() + 5_400_000).toISOString() });
    const { handlers, store } = handlersWith(future);
    const error = await refusal(Promise.resolve(handlers['appointments.setStatus']({ appointmentId: future.id, status: 'held' })));
    expect(error.details).toEqual(['NOCH_NICHT_BEGONNEN']);
    expect(store.setAppointmentStatus).not.toHaveBeenCalled();
    await handlers['appointments.setStatus']({ appointmentId: future.id, status: 'cancelled' });
    expect(store.setAppointmentStatus).toHaveBeenCalledOnce();
  });
});

/**
 * The contract's local-data methods on top of `LocalData`. Named store errors become `IpcError`s whose
 * `details[0]` is the store error code, so the renderer can pick the action (retry passphrase, call IT support).
 */
import { IpcError, type IpcErrorCode } from '../../../src-shared/ipc/errors.js';
import type { localDataMethods } from '../../../src-shared/ipc/features/local-data.js';
import { StoreErrorCode } from '../../../src-shared/store/status.js';
import { assertNoRefusal, channelChangeFindings, RuleRefusal, statusChangeRefusal } from '../../../src-shared/rules/index.js';
import type { Handlers } from '../../ipc/router.js';
import { SyncApiError } from '../sync/api-client.js';
import type { LocalData } from './local-data.js';
import { NoteMismatchError } from './notes.js';

type LocalDataHandlers = Pick<Handlers, keyof typeof localDataMethods>;

/** Mistakes the user can correct (answered as REFUSED); everything else needs IT support. */
const USER_CORRECTABLE = new Set<StoreErrorCode>(['WRONG_PASSPHRASE', 'WEAK_PASSPHRASE', 'ALREADY_SET_UP', 'APPOINTMENT_NOT_CACHED']);

function toIpcError(error: unknown): unknown {
  if (error instanceof IpcError) return error;
  if (error instanceof NoteMismatchError) return new IpcError('REFUSED', error.message);
  // A BA rule (§ 141 SGB III, status before the start): the finding's code travels as details[0].
  if (error instanceof RuleRefusal) return new IpcError('REFUSED', error.message, [error.code]);
  if (error instanceof SyncApiError) return new IpcError('REFUSED', error.message, [error.code]);
  const code = StoreErrorCode.safeParse((error as { code?: unknown } | null)?.code);
  if (code.success && error instanceof Error) {
    const ipcCode: IpcErrorCode = code.data === 'STORE_LOCKED' ? 'LOCKED' : USER_CORRECTABLE.has(code.data) ? 'REFUSED' : 'SERVICE_FAILED';
    return new IpcError(ipcCode, error.message, [code.data]);
  }
  return error;
}

const guarded =
  <Args extends unknown[], R>(work: (...args: Args) => R | Promise<R>) =>
  async (...args: Args): Promise<R> => {
    try {
      return await work(...args);
    } catch (error) {
      throw toIpcError(error);
    }
  };

export function localDataHandlers(data: LocalData): LocalDataHandlers {
  /** A local write: committed first, then handed to the sync engine. */
  const write =
    <Req, R>(work: (request: Req) => R) =>
    (request: Req): R => {
      const result = work(request);
      data.changed();
      return result;
    };

  return {
    'store.status': () => data.status(),
    'store.unlock': guarded(({ passphrase }) => data.unlock(passphrase)),
    'store.lock': guarded(() => data.lock()),
    'store.setupPassphrase': guarded(({ passphrase }) => data.setupPassphrase(passphrase)),
    'store.wipe': guarded(() => data.wipe()),
    'store.activity': () => {
      data.recordActivity();
      return {};
    },

    'appointments.range': guarded(({ from, to }) => ({ items: data.use().appointmentsInRange(from, to) })),
    'appointments.get': guarded(({ appointmentId }) => data.use().appointment(appointmentId)),
    'appointments.setStatus': guarded(
      write(({ appointmentId, status }) => {
        const now = new Date();
        const refusal = statusChangeRefusal(data.use().appointment(appointmentId), status, now);
        if (refusal) throw new RuleRefusal(refusal);
        return data.use().setAppointmentStatus(appointmentId, status, now);
      }),
    ),
    'appointments.setChannel': guarded(
      write(({ appointmentId, channel, reason }) => {
        assertNoRefusal(channelChangeFindings(data.use().appointment(appointmentId), channel));
        return data.use().setAppointmentChannel(appointmentId, channel, reason, new Date());
      }),
    ),
    'consent.record': guarded(write((consent) => data.use().recordConsent(consent, new Date()))),

    'notes.save': guarded(write((request) => data.use().saveNote(request, new Date()))),
    'notes.forAppointment': guarded(({ appointmentId }) => {
      const versions = data.use().notesForAppointment(appointmentId);
      // Answer from the local copy at once; newer server versions follow as a `notes.changed` event.
      data.sync.refreshNotes(appointmentId).catch(() => {});
      return { versions };
    }),
    'notes.states': guarded(({ from, to }) => ({ items: data.use().noteStates(from, to) })),

    'sync.state': () => data.sync.state(),
    'sync.now': guarded(() => data.sync.syncNow()),
  };
}

/**
 * What the shell shows about the back office at all times: whether it is there, the browser's network state,
 * the local store (locked, unlocked, needs a passphrase), the sync engine (pending changes, last success) and
 * the sign-in to the server. Fed by the contract's `store.status`, `sync.state` and `serverSession.state`
 * events; no polling.
 */
import { create } from 'zustand';
import type { ServerSessionState } from '../../src-shared/ipc/features/server-session.js';
import type { StoreStatus, SyncState } from '../../src-shared/store/status.js';
import { bridge } from '../bridge/index.js';

interface BackOfficeState {
  /** False when the back office is gone (web shell closed). */
  backOffice: boolean;
  /** The browser's view of the network (navigator.onLine). */
  network: boolean;
  store: StoreStatus | null;
  sync: SyncState | null;
  /** The sign-in to the server (signed in, expired, signed out). */
  session: ServerSessionState | null;
}

export const useBackOfficeState = create<BackOfficeState>(() => ({
  backOffice: true,
  network: navigator.onLine,
  store: null,
  sync: null,
  session: null,
}));

/** The signed-in user's role; null while signed out (see routes.ts for what that opens). */
export const useRole = () => useBackOfficeState((state) => state.sync?.user?.role ?? null);

/** Team leads review and change nothing (domain.md): every view they share with counsellors is read-only. */
export const useReadOnly = () => useRole() === 'team_lead';

export const markBackOfficeGone = (): void => useBackOfficeState.setState({ backOffice: false });

/** Wires the state to the browser and the back office; returns the cleanup. */
export function watchBackOffice(): () => void {
  const set = useBackOfficeState.setState;
  const onNetwork = () => set({ network: navigator.onLine });
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  const offStore = bridge.on('store.status', (store) => set({ store }));
  const offSync = bridge.on('sync.state', (sync) => set({ sync }));
  const offSession = bridge.on('serverSession.state', (session) => set({ session }));
  void bridge.call['store.status']({}).then((store) => set({ store }));
  void bridge.call['sync.state']({}).then((sync) => set({ sync }));
  void bridge.call['serverSession.state']({}).then((session) => set({ session }));
  return () => {
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
    offStore();
    offSync();
    offSession();
  };
}

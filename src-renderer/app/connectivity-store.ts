import { create } from 'zustand';
import type { Connectivity } from '../../src-shared/ipc/features/app.js';
import { bridge } from '../bridge/index.js';

interface ConnectivityState {
  /** The browser's own view of the network (navigator.onLine). */
  network: boolean;
  /** The back office's view of the self-hosted server. */
  server: Connectivity['server'];
  /** False when the back office itself is gone (web shell closed). */
  backOffice: boolean;
}

export const useConnectivity = create<ConnectivityState>(() => ({
  network: navigator.onLine,
  server: 'unconfigured',
  backOffice: true,
}));

/** Wires the store to the browser and the back office; returns the cleanup. */
export function watchConnectivity(): () => void {
  const update = () => useConnectivity.setState({ network: navigator.onLine });
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  const off = bridge.on('app.connectivity', (state) => useConnectivity.setState({ server: state.server }));
  void bridge.call['app.connectivity']({}).then((state) => useConnectivity.setState({ server: state.server }));
  return () => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
    off();
  };
}

export const markBackOfficeGone = (): void => useConnectivity.setState({ backOffice: false });

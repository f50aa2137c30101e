/**
 * The counsellor's signalling for the call: through the back office (`session.*` over the bridge), which holds
 * the WebSocket to the server. Signals are sent in order; a failed send (connection resuming) is dropped, as the
 * ICE restart after the resume renegotiates what was lost.
 */
import type { CallSignalling } from '../../call/call-signalling.js';
import { bridge } from '../../bridge/index.js';

export function bridgeSignalling(): CallSignalling {
  return {
    signal(to, data) {
      bridge.call['session.signal']({ to, data }).catch(() => {});
    },
    onMessage: (listener) => bridge.on('session.message', listener),
    onState: (listener) => bridge.on('session.connection', ({ state }) => listener(state)),
    refreshIce() {
      bridge.call['session.refreshIce']({}).catch(() => {});
    },
    async leave(endForAll) {
      await bridge.call['session.leave']({ endForAll });
    },
  };
}

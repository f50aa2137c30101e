/**
 * What the call needs from signalling, whichever way it travels: the counsellor's goes through the back office
 * (bridge `session.*`), a guest's straight from the browser to the server (./browser-signalling.ts).
 */
import type { ConnectionState } from '../../src-shared/signalling/client.js';
import type { ParticipantId, ServerMessage, SignalData } from '../../src-shared/signalling/messages.js';

export type SignallingState = ConnectionState;

export interface CallSignalling {
  /** simple-peer signal data for one peer of the room. */
  signal(to: ParticipantId, data: SignalData): void;
  /** Every server message of the room (signals, participants, ICE servers, room closed). Returns unsubscribe. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Connection state; after `resuming` → `open` the call restarts ICE on peers that lost their path. */
  onState(listener: (state: SignallingState) => void): () => void;
  /** Ask the server for fresh TURN credentials (they arrive as `ice.servers`). */
  refreshIce(): void;
  /** Leave the room (`endForAll`: the counsellor ends it for everybody). */
  leave(endForAll: boolean): Promise<void>;
}

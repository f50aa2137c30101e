/**
 * Messages between the participants of a call over simple-peer's data channel (peer to peer, never through the
 * server): chat lines, which live only in the open call and are not stored, and each side's microphone, camera
 * and screen-sharing state, so the others see a mute instead of guessing from silence.
 */
import { z } from 'zod';

export const MAX_CHAT_LENGTH = 2000;

export const CallDataMessage = z.discriminatedUnion('k', [
  z.object({ k: z.literal('chat'), id: z.string().min(1).max(64), text: z.string().trim().min(1).max(MAX_CHAT_LENGTH) }),
  z.object({ k: z.literal('state'), audioMuted: z.boolean(), videoOff: z.boolean(), sharing: z.boolean() }),
]);
export type CallDataMessage = z.infer<typeof CallDataMessage>;

/** A data channel frame is at most this large; anything bigger is not ours. */
export const MAX_DATA_FRAME_BYTES = 16 * 1024;

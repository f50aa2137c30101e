/** Frames of the web shell's WebSocket transport (the same contract as Electron IPC, serialised as JSON). */
import { z } from 'zod';
import { IpcResult } from './result.js';

/** Upper bound of one frame, so a misbehaving page cannot make the host buffer without limit. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export const ClientFrame = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), result: IpcResult }),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** The web-shell host expects the session token in this query parameter of the WebSocket URL. */
export const WEB_SHELL_TOKEN_PARAM = 'token';
export const WEB_SHELL_IPC_PATH = '/ipc';

/**
 * The address the web shell opens carries a one-time launch code in this fragment parameter, never the session
 * token: the address stands on the browser's command line, which every local user can read. The page trades the
 * code for the token once, by POSTing it to the launch path; after that the code is worth nothing.
 */
export const WEB_SHELL_LAUNCH_PARAM = 'launch';
export const WEB_SHELL_LAUNCH_PATH = '/launch';
export const LaunchTrade = z.object({ code: z.string().min(1).max(200) });
export type LaunchTrade = z.infer<typeof LaunchTrade>;
export const LaunchGrant = z.object({ token: z.string().min(1) });
export type LaunchGrant = z.infer<typeof LaunchGrant>;

/**
 * The counsellor's sign-in to the self-hosted server, owned by one back-office service
 * (src-main/services/server-session) that sync, calls, the device check and the first run all ask. The session
 * token stays in the back office's memory; the refresh token that keeps a restart signed in is kept in the
 * encrypted local store, never in plaintext and never in the renderer.
 */
import { z } from 'zod';
import { ServerUrl } from '../../policy/settings.js';
import { SignedInUser, SyncState } from '../../store/status.js';
import { event, method } from '../define.js';

export const ServerSessionState = z.object({
  /**
   * `signed-in`: the server knows this laptop (after a restart too, once the local data is open);
   * `expired`: the server ended the sign-in (lifetime, sign-out elsewhere, revoked by IT) and asks for the password;
   * `signed-out`: nobody signed in, or the local data holding the sign-in is still locked.
   */
  status: z.enum(['signed-out', 'signed-in', 'expired']),
  serverUrl: ServerUrl.nullable(),
  user: SignedInUser.nullable(),
  /** German: why the sign-in ended (only with `expired`). */
  message: z.string().max(500).nullable(),
});
export type ServerSessionState = z.infer<typeof ServerSessionState>;

export const ServerSignInRequest = z
  .object({
    /**
     * As typed (`host:port` is fine, see src-shared/policy/server-address.ts); absent to use the configured one.
     * Only when not set by policy; otherwise it must be absent or name the managed server.
     */
    serverUrl: z.string().max(2048).optional(),
    username: z.string().trim().min(1).max(128),
    password: z.string().min(1).max(1024),
  })
  .strict();

/**
 * Failures are answers, not errors, because the forms show each one differently: the server (or the policy)
 * said no, or no answer came back, in which case the app keeps working offline with its cached data.
 */
export const ServerSignInReply = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signed-in'), serverUrl: ServerUrl, session: ServerSessionState }),
  z.object({ outcome: z.literal('rejected'), message: z.string().max(500), field: z.enum(['serverUrl', 'username', 'password']).nullable() }),
  z.object({ outcome: z.literal('unreachable'), message: z.string().max(500) }),
]);
export type ServerSignInReply = z.infer<typeof ServerSignInReply>;

const empty = z.object({}).strict();

export const serverSessionMethods = {
  'serverSession.state': method(empty, ServerSessionState),
  'serverSession.signIn': method(ServerSignInRequest, ServerSignInReply),
  /** Ends the sign-in on the server and forgets the refresh token; local data and unsent changes stay. */
  'serverSession.signOut': method(empty, ServerSessionState),
  /** For scripts and test set-up: the same sign-in as `serverSession.signIn`, failing as an error (REFUSED). */
  'sync.signIn': method(ServerSignInRequest.required({ serverUrl: true }), SyncState),
} as const;

export const serverSessionEvents = {
  'serverSession.state': event(ServerSessionState),
} as const;

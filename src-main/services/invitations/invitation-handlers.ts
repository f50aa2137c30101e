/**
 * The contract's invitation methods: the appointment's guest links, asked of the signed-in server. The server
 * issues, counts and revokes them and decides who may (own appointment; BPS only for BPS staff); the back
 * office only carries the session's bearer token and turns failures into messages that say what to do.
 */
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { invitationMethods } from '../../../src-shared/ipc/features/invitations.js';
import type { Handlers } from '../../ipc/router.js';
import type { ServerSession } from '../server-session/server-session.js';
import { createSyncApi, SyncApiError, type SyncApi } from '../sync/api-client.js';

type InvitationHandlers = Pick<Handlers, keyof typeof invitationMethods>;

export interface InvitationDeps {
  /** The one owner of the sign-in: credentials (renewed after a restart), and a renewal when the server refuses them. */
  readonly session: Pick<ServerSession, 'access' | 'renew'>;
  readonly createApi?: (serverUrl: string) => Pick<SyncApi, 'guestLinks' | 'createGuestLink' | 'revokeGuestLink'>;
}

export function invitationHandlers({ session, createApi = createSyncApi }: InvitationDeps): InvitationHandlers {
  /** `what` completes "… ist nicht möglich": the sentence the counsellor reads when the server cannot be asked. */
  async function withServer<T>(what: string, work: (api: ReturnType<typeof createApi>, token: string) => Promise<T>): Promise<T> {
    const signedOut = () => new IpcError('REFUSED', `Ihre Anmeldung am Server ist abgelaufen. Bitte melden Sie sich erneut an; ${what} ist erst dann wieder möglich.`);
    const failure = (error: unknown): unknown => {
      if (!(error instanceof SyncApiError)) return error;
      if (error.status === 401) return signedOut();
      if (error.status === null) return new IpcError('SERVICE_FAILED', `Der Server ist nicht erreichbar. ${what} ist gerade nicht möglich; versuchen Sie es erneut, sobald die Verbindung steht.`);
      // The server's refusals (404 not yours, 409 cancelled) are German and say what to do.
      return new IpcError(error.retryable ? 'SERVICE_FAILED' : 'REFUSED', error.message);
    };
    let credentials;
    try {
      credentials = await session.access();
    } catch (error) {
      throw failure(error);
    }
    if (!credentials) throw new IpcError('REFUSED', `${what} ist nur mit Anmeldung am Beratungsraum-Server möglich. Bitte melden Sie sich an.`);
    try {
      return await work(createApi(credentials.serverUrl), credentials.token);
    } catch (error) {
      if (!(error instanceof SyncApiError && error.status === 401)) throw failure(error);
    }
    // The server ended the session token (expiry, restart): renew once and try again.
    const renewed = await session.renew(credentials.token).catch((error: unknown) => Promise.reject(failure(error)));
    if (!renewed) throw signedOut();
    try {
      return await work(createApi(renewed.serverUrl), renewed.token);
    } catch (error) {
      throw failure(error);
    }
  }

  return {
    'invitations.list': ({ appointmentId }) => withServer('Das Anzeigen der Einladungslinks', (api, token) => api.guestLinks(token, appointmentId)),
    'invitations.create': ({ appointmentId, role }) =>
      withServer('Das Erstellen eines Einladungslinks', async (api, token) => {
        // The token is the fragment of `url`; the renderer needs nothing else.
        const { token: _token, ...link } = await api.createGuestLink(token, { appointmentId, role });
        return link;
      }),
    'invitations.revoke': ({ linkId }) => withServer('Das Zurückziehen eines Einladungslinks', (api, token) => api.revokeGuestLink(token, linkId)),
  };
}

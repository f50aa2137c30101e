/**
 * `review.draw`: asks the signed-in server for the VKB sample with the server session's credentials. The server
 * decides region and sight from the account; its German refusals (role, no key configured) reach the user as
 * they are.
 */
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { reviewMethods } from '../../../src-shared/ipc/features/review.js';
import type { Handlers } from '../../ipc/router.js';
import type { ServerCredentials } from '../server-session/server-session.js';
import { createSyncApi, SyncApiError } from '../sync/api-client.js';

type ReviewHandlers = Pick<Handlers, keyof typeof reviewMethods>;

export interface ReviewDeps {
  readonly access: () => Promise<ServerCredentials | null>;
  readonly fetch?: typeof fetch;
}

export function reviewHandlers({ access, fetch: fetchImpl }: ReviewDeps): ReviewHandlers {
  return {
    async 'review.draw'(request) {
      const credentials = await access().catch((error: unknown) => {
        throw error instanceof SyncApiError ? new IpcError('REFUSED', error.message, [error.code]) : error;
      });
      if (!credentials) throw new IpcError('REFUSED', 'Für die VKB-Prüfung bitte zuerst am Server anmelden.', ['NOT_SIGNED_IN']);
      try {
        return await createSyncApi(credentials.serverUrl, fetchImpl).reviewExport(credentials.token, request);
      } catch (error) {
        if (error instanceof SyncApiError) throw new IpcError('REFUSED', error.message, [error.code]);
        throw error;
      }
    },
  };
}

import type { ApiErrorCode } from '../../src-shared/http/sync-api.js';

/**
 * A refusal that becomes an `ApiError` body with this status. Handlers throw it; the router writes it. Codes
 * outside `ApiErrorCode` are allowed for extensions (signalling, guest links), which name their own.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

import { z } from 'zod';

/**
 * Every failure that crosses the IPC boundary carries one of these codes, so the renderer can show a message
 * that says what to do instead of a stack trace.
 */
export const IpcErrorCode = z.enum([
  /** The channel is not part of the contract. */
  'UNKNOWN_CHANNEL',
  /** The request does not match the method's schema. */
  'INVALID_PAYLOAD',
  /** The caller is not the app's own top-level frame (or, in the web shell, has no valid token). */
  'FORBIDDEN_SENDER',
  /** The service refused the request for a reason it names in `message` (e.g. a domain rule). */
  'REFUSED',
  /** The store is locked; unlock first. */
  'LOCKED',
  /** The service failed; the message says what to try. */
  'SERVICE_FAILED',
  /** The main process produced a reply that breaks the contract: a bug, reported rather than passed on. */
  'INVALID_REPLY',
  /** The connection to the back office was lost (web shell only). */
  'DISCONNECTED',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const SerializedIpcError = z.object({
  code: IpcErrorCode,
  message: z.string(),
  /** Optional machine-readable detail, e.g. the zod issue paths of an invalid payload. */
  details: z.array(z.string()).optional(),
});
export type SerializedIpcError = z.infer<typeof SerializedIpcError>;

export class IpcError extends Error {
  override readonly name = 'IpcError';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }

  toJSON(): SerializedIpcError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static from(serialized: SerializedIpcError): IpcError {
    return new IpcError(serialized.code, serialized.message, serialized.details);
  }
}

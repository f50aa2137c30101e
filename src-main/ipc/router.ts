/**
 * The one IPC router. Both transports (Electron IPC in `shell/`, the loopback WebSocket in `web-shell/`) hand
 * every call to `dispatch`; it checks the sender, rejects channels outside the contract, validates the request
 * and the reply against the schemas in src-shared, and turns every failure into a typed `IpcError` value.
 * Modelled on VS Code's `validatedIpcMain`: validation by sender and by channel, in one place.
 */
import {
  isMethodName,
  methods,
  type MethodName,
  type ParsedRequestOf,
  type ReplyOf,
} from '../../src-shared/ipc/contract.js';
import { IpcError } from '../../src-shared/ipc/errors.js';
import type { IpcResult } from '../../src-shared/ipc/result.js';

/** Who is calling, as the transport established it. Services never see this. */
export type Sender =
  /** Electron: the URL of the calling frame and whether it is the window's top-level frame. */
  | { readonly transport: 'electron'; readonly frameUrl: string; readonly isMainFrame: boolean }
  /** Web shell: a WebSocket connection that presented the per-launch session token from the allowed origin. */
  | { readonly transport: 'web'; readonly authenticated: boolean };

export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>) => Promise<ReplyOf<M>> | ReplyOf<M>;

/** Exhaustive by type: a contract method without a handler does not compile. */
export type Handlers = { readonly [M in MethodName]: Handler<M> };

export interface RouterOptions {
  /** Decides whether an Electron frame belongs to the app (its own origin, top-level frame). */
  readonly isTrustedFrame: (frameUrl: string, isMainFrame: boolean) => boolean;
  /** Called for calls that fail for a reason other than the service's own refusal; never with payloads. */
  readonly onRejected?: (method: string, error: IpcError) => void;
}

export interface Router {
  dispatch(method: unknown, payload: unknown, sender: Sender): Promise<IpcResult>;
}

const issuePaths = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] =>
  issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  const isTrusted = (sender: Sender): boolean =>
    sender.transport === 'web' ? sender.authenticated : options.isTrustedFrame(sender.frameUrl, sender.isMainFrame);

  async function run(method: unknown, payload: unknown, sender: Sender): Promise<unknown> {
    if (!isTrusted(sender)) {
      throw new IpcError('FORBIDDEN_SENDER', 'Dieser Aufruf stammt nicht aus der Beratungsraum-Oberfläche und wurde abgewiesen.');
    }
    if (!isMethodName(method)) {
      throw new IpcError('UNKNOWN_CHANNEL', `Unbekannte Funktion „${String(method).slice(0, 100)}“.`);
    }
    const spec = methods[method];
    const request = spec.request.safeParse(payload);
    if (!request.success) {
      // People read this message: no method or field names (the renderer maps `details` to its labels, ipc-message.ts).
      throw new IpcError('INVALID_PAYLOAD', 'Die Eingabe ist unvollständig oder ungültig. Bitte prüfen Sie die Angaben.', issuePaths(request.error.issues));
    }
    const handler = handlers[method] as (request: unknown) => unknown;
    const value = await handler(request.data);
    const reply = spec.reply.safeParse(value);
    if (!reply.success) {
      throw new IpcError('INVALID_REPLY', `Interner Fehler: Antwort von „${method}“ verletzt den Vertrag.`, issuePaths(reply.error.issues));
    }
    return reply.data;
  }

  return {
    async dispatch(method, payload, sender) {
      try {
        return { ok: true, value: await run(method, payload, sender) };
      } catch (cause) {
        const error =
          cause instanceof IpcError
            ? cause
            : new IpcError('SERVICE_FAILED', cause instanceof Error ? cause.message : 'Unbekannter Fehler im Hintergrunddienst.');
        if (error.code !== 'REFUSED') options.onRejected?.(String(method).slice(0, 100), error);
        return { ok: false, error: error.toJSON() };
      }
    },
  };
}

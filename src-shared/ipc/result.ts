import { z } from 'zod';
import { SerializedIpcError } from './errors.js';

/**
 * What every IPC call resolves to on the wire. Errors travel as values, not rejections, because Electron's
 * `ipcRenderer.invoke` rewrites rejected errors into a generic message and drops their fields
 * (https://github.com/electron/electron/issues/24427).
 */
export const IpcResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: SerializedIpcError }),
]);
export type IpcResult = z.infer<typeof IpcResult>;

/**
 * The app's own share picker, main-process half: the Electron shell's display-media handler asks here which
 * source to share; the question goes to the renderer as `session.displayPicker`, the answer comes back through
 * `session.pickDisplay`. Unanswered questions are cancelled after a minute (the page's getDisplayMedia rejects).
 */
import { randomUUID } from 'node:crypto';
import type { DisplaySource } from '../../../src-shared/ipc/features/session.js';

const ANSWER_TIMEOUT_MS = 60_000;

export interface DisplayPicker {
  /** Shows the picker; resolves with the chosen source id, or null when the user cancelled. */
  ask(sources: readonly DisplaySource[]): Promise<string | null>;
  answer(requestId: string, sourceId: string | null): void;
}

export function createDisplayPicker(show: (request: { requestId: string; sources: DisplaySource[] }) => void): DisplayPicker {
  const pending = new Map<string, { resolve: (id: string | null) => void; ids: Set<string>; timer: NodeJS.Timeout }>();
  return {
    ask(sources) {
      const requestId = randomUUID();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(requestId);
          resolve(null);
        }, ANSWER_TIMEOUT_MS);
        timer.unref();
        pending.set(requestId, { resolve, ids: new Set(sources.map((s) => s.id)), timer });
        show({ requestId, sources: [...sources] });
      });
    },
    answer(requestId, sourceId) {
      const request = pending.get(requestId);
      if (!request) return;
      pending.delete(requestId);
      clearTimeout(request.timer);
      // Only a source that was offered: the renderer cannot name a screen it was not shown.
      request.resolve(sourceId !== null && request.ids.has(sourceId) ? sourceId : null);
    },
  };
}

/** The readiness view's state: one result per check, which checks run, the device choice, the last saved report. */
import { create } from 'zustand';
import type { StoredIn } from '../../../src-shared/ipc/features/readiness.js';
import type { CheckId, CheckResult, ReadinessReport } from '../../../src-shared/readiness/report.js';
import type { ToneAnswer } from '../../../src-shared/readiness/rules.js';
import type { DeviceChoice } from './checks.js';

export interface ReadinessState {
  readonly results: Partial<Record<CheckId, CheckResult>>;
  readonly running: ReadonlySet<CheckId>;
  readonly choice: DeviceChoice;
  readonly saved: StoredIn | null;
  readonly history: readonly ReadinessReport[];
  readonly error: string | null;
  /** What the audio checks ask of the person right now. */
  readonly audioStep: 'speak' | 'tones' | null;
  /** Answers the question after the tones; null while nothing is asked. */
  readonly answerTones: ((answer: ToneAnswer | null) => void) | null;
  setAudioStep(step: 'speak' | 'tones' | null): void;
  setAnswerTones(answer: ((answer: ToneAnswer | null) => void) | null): void;
  setResult(result: CheckResult): void;
  setRunning(id: CheckId, running: boolean): void;
  setChoice(choice: Partial<DeviceChoice>): void;
  setSaved(saved: StoredIn | null): void;
  setHistory(history: readonly ReadinessReport[]): void;
  setError(error: string | null): void;
}

export const useReadiness = create<ReadinessState>((set) => ({
  results: {},
  running: new Set(),
  choice: { blurEnabled: false },
  saved: null,
  history: [],
  error: null,
  audioStep: null,
  answerTones: null,
  setAudioStep: (audioStep) => set({ audioStep }),
  setAnswerTones: (answerTones) => set({ answerTones }),
  setResult: (result) => set((s) => ({ results: { ...s.results, [result.id]: result }, saved: null })),
  setRunning: (id, running) =>
    set((s) => {
      const next = new Set(s.running);
      if (running) next.add(id);
      else next.delete(id);
      return { running: next };
    }),
  setChoice: (choice) => set((s) => ({ choice: { ...s.choice, ...choice } })),
  setSaved: (saved) => set({ saved }),
  setHistory: (history) => set({ history }),
  setError: (error) => set({ error }),
}));

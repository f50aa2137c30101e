/**
 * The VKB review's state: the drawn sample and the assessments recorded for its cases. Kept in memory only, so
 * it survives moving between views but not a restart: the result leaves the laptop as an export, and the sample
 * can be drawn again with the same seed.
 */
import { create } from 'zustand';
import type { Fachdienst } from '../../../src-shared/domain/appointment.js';
import type { ReviewExportReply } from '../../../src-shared/http/review-api.js';
import type { CaseAssessment, VkbAnswer, VkbQuestion } from '../../../src-shared/review/assessment.js';
import { bridge } from '../../bridge/index.js';

interface ReviewState {
  sample: ReviewExportReply | null;
  assessments: Record<string, CaseAssessment>;
  openCase: string | null;
  busy: boolean;
  error: string | null;
  draw(request: { month: string; seed: string; sampleSize: number; fachdienst: Fachdienst | null }): Promise<void>;
  open(caseId: string | null): void;
  answer(caseId: string, question: VkbQuestion, answer: VkbAnswer): void;
  comment(caseId: string, comment: string): void;
}

const EMPTY: CaseAssessment = { answers: {}, comment: '' };

export const useReview = create<ReviewState>((set, get) => ({
  sample: null,
  assessments: {},
  openCase: null,
  busy: false,
  error: null,
  async draw({ month, seed, sampleSize, fachdienst }) {
    set({ busy: true, error: null });
    try {
      const sample = await bridge.call['review.draw']({ month, seed, sampleSize, ...(fachdienst ? { fachdienst } : {}) });
      // A new draw starts a new review; answers to cases of the last one would not belong to it.
      set({ sample, assessments: {}, openCase: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      set({ busy: false });
    }
  },
  open(caseId) {
    set({ openCase: caseId });
  },
  answer(caseId, question, answer) {
    const current = get().assessments[caseId] ?? EMPTY;
    set({ assessments: { ...get().assessments, [caseId]: { ...current, answers: { ...current.answers, [question]: answer } } } });
  },
  comment(caseId, comment) {
    const current = get().assessments[caseId] ?? EMPTY;
    set({ assessments: { ...get().assessments, [caseId]: { ...current, comment } } });
  },
}));

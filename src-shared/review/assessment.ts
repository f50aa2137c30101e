/**
 * The assessment of a VKB case (BA-Weisung 202503001): a small catalogue of questions about the Beratungsvermerk,
 * each answered ja / teilweise / nein, and a comment; exported with the sample's seed so the draw can be
 * repeated. The export carries the case's pseudonyms and facts, never the note's text.
 */
import type { ReviewCase, ReviewExportReply } from '../http/review-api.js';

/** The questions, in the order they are asked; their wording is in the renderer's locales. */
export const VKB_QUESTIONS = ['anlass', 'situation', 'ziele', 'vereinbarungen', 'kanal'] as const;
export type VkbQuestion = (typeof VKB_QUESTIONS)[number];

export const VKB_ANSWERS = ['ja', 'teilweise', 'nein'] as const;
export type VkbAnswer = (typeof VKB_ANSWERS)[number];

export interface CaseAssessment {
  readonly answers: Readonly<Partial<Record<VkbQuestion, VkbAnswer>>>;
  readonly comment: string;
}

/** Answered every question. */
export const isComplete = (assessment: CaseAssessment | undefined): boolean =>
  assessment !== undefined && VKB_QUESTIONS.every((question) => assessment.answers[question] !== undefined);

export interface ReviewResult {
  readonly region: string;
  readonly month: string;
  readonly seed: string;
  readonly fachdienst: ReviewExportReply['fachdienst'];
  readonly population: number;
  readonly drawnAt: string;
  readonly cases: readonly (Pick<ReviewCase, 'caseId' | 'customerPseudonym' | 'type' | 'channel' | 'fachdienst' | 'durationMinutes'> & {
    readonly answers: Readonly<Partial<Record<VkbQuestion, VkbAnswer>>>;
    readonly comment: string;
  })[];
}

export function reviewResult(sample: ReviewExportReply, assessments: Readonly<Record<string, CaseAssessment>>): ReviewResult {
  return {
    region: sample.region,
    month: sample.month,
    seed: sample.seed,
    fachdienst: sample.fachdienst,
    population: sample.population,
    drawnAt: sample.generatedAt,
    cases: sample.cases.map((item) => ({
      caseId: item.caseId,
      customerPseudonym: item.customerPseudonym,
      type: item.type,
      channel: item.channel,
      fachdienst: item.fachdienst,
      durationMinutes: item.durationMinutes,
      answers: assessments[item.caseId]?.answers ?? {},
      comment: assessments[item.caseId]?.comment ?? '',
    })),
  };
}

/** A field for a semicolon-separated file (what German spreadsheets open): quoted when it needs to be. */
const csvField = (value: string | number): string => {
  const text = String(value);
  // A leading =, +, - or @ would be run as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per case; the sample's facts (region, month, seed) in every row, so a row stands on its own. */
export function reviewCsv(result: ReviewResult): string {
  const head = ['region', 'monat', 'seed', 'fachdienst', 'fall', 'kunde_pseudonym', 'anlass_typ', 'kanal', 'dauer_minuten', ...VKB_QUESTIONS.map((q) => `frage_${q}`), 'kommentar'];
  const rows = result.cases.map((item) => [
    result.region,
    result.month,
    result.seed,
    item.fachdienst,
    item.caseId,
    item.customerPseudonym,
    item.type,
    item.channel,
    item.durationMinutes,
    ...VKB_QUESTIONS.map((question) => item.answers[question] ?? ''),
    item.comment,
  ]);
  return [head, ...rows].map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

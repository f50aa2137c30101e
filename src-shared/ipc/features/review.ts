/**
 * The VKB review in the app (BA-Weisung 202503001 §2): a team lead draws the pseudonymised sample of their region
 * and month from the server. The cases pass through the back office without touching the local store: they are
 * pseudonymised already, and the assessment is exported, not kept on the laptop.
 */
import { ReviewExportReply, ReviewExportRequest } from '../../http/review-api.js';
import { method } from '../define.js';

export const reviewMethods = {
  /** Draws the seeded sample (or fetches earlier cases by id) as the signed-in team lead. */
  'review.draw': method(ReviewExportRequest, ReviewExportReply),
} as const;

export const reviewEvents = {} as const;

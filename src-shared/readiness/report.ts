/**
 * The device-readiness report: what IT support and the counsellor see, what the store keeps and what the
 * command line writes. It holds figures about the device only — never a name, an appointment, a picture or a
 * recording — so it can be handed to IT support without revealing customer data (domain.md, IT support row).
 */
import { z } from 'zod';

export const CheckId = z.enum(['headset', 'microphone', 'camera', 'background', 'network', 'hardware']);
export type CheckId = z.infer<typeof CheckId>;

/**
 * ok / warn / fail come from the analyses; `unavailable` means the check was wanted but could not run
 * (permission denied, device busy, no model) and counts against readiness; `skipped` means this mode cannot run it
 * (the command line has no camera access) and is left out of the verdict, but listed with the reason.
 */
export const CheckStatus = z.enum(['ok', 'warn', 'fail', 'unavailable', 'skipped']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Severity = z.enum(['info', 'warn', 'fail']);
export type Severity = z.infer<typeof Severity>;

export const Verdict = z.enum(['bereit', 'eingeschraenkt', 'nicht-bereit']);
export type Verdict = z.infer<typeof Verdict>;

/** Figures are numbers, flags or short machine-readable words; free text would be a path for customer data. */
export const Figure = z.union([z.number(), z.boolean(), z.string().max(200), z.null()]);
export type Figure = z.infer<typeof Figure>;

export const Finding = z
  .object({
    /** A key of the message catalogue (messages.ts): the evidence in words and the fix-it hint. */
    code: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/),
    severity: Severity,
    params: z.record(z.string(), z.union([z.number(), z.string().max(200)])).default({}),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;

export const CheckResult = z
  .object({
    id: CheckId,
    status: CheckStatus,
    figures: z.record(z.string(), Figure),
    findings: z.array(Finding),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().nonnegative(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

export const ReportMode = z.enum(['app', 'cli']);
export type ReportMode = z.infer<typeof ReportMode>;

export const ReadinessReport = z
  .object({
    schemaVersion: z.literal(1),
    id: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
    mode: ReportMode,
    app: z.object({ version: z.string().max(50), platform: z.string().max(50) }).strict(),
    verdict: Verdict,
    checks: z.array(CheckResult),
  })
  .strict();
export type ReadinessReport = z.infer<typeof ReadinessReport>;

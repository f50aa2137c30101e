/**
 * POST /api/v1/review/export — the pseudonymised case review for team leads (VKB). Region scoping comes from
 * the lead's account, never from the request; BPS cases only for a BPS lead. The pseudonym key is read from
 * BERATUNGSRAUM_VKB_SECRET (or the config's `review.secret`) and stays in this process.
 */
import { randomBytes } from 'node:crypto';
import { ReviewConfig, ReviewExportRequest, type ReviewExportReply } from '../../src-shared/http/review-api.js';
import { API_PREFIX } from '../../src-shared/http/sync-api.js';
import { seesBps } from '../access/policy.js';
import type { ServerExtension } from '../core.js';
import { HttpError } from '../http/errors.js';
import { readJson, sendJson } from '../http/router.js';
import { berlinInstantMs } from '../../src-shared/rules/berlin-time.js';
import { buildReviewExport } from './export.js';
import { createPseudonymizer, type Pseudonymizer } from './pseudonym.js';

export const REVIEW_EXPORT_PATH = `${API_PREFIX}/review/export`;
const DAY_MS = 86_400_000;

function nextMonth(month: string): string {
  const [year, value] = month.split('-').map(Number) as [number, number];
  return value === 12 ? `${year + 1}-01` : `${year}-${String(value + 1).padStart(2, '0')}`;
}

export const reviewExtension: ServerExtension = {
  name: 'review',
  setup(core) {
    const parsed = ReviewConfig.safeParse(core.config.review ?? {});
    if (!parsed.success) {
      throw new Error(`Konfiguration „review“ ist ungültig: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    const config = parsed.data;
    let secret = process.env.BERATUNGSRAUM_VKB_SECRET || config.secret || '';
    // The demo server shows the review as it works: with a key of its own, drawn at every start and never
    // stored, so its pseudonyms are good for one run only and no demo key can ever match a real one.
    if (!secret && core.config.demo.enabled) {
      secret = randomBytes(32).toString('base64url');
      core.log('VKB-Prüfung: Demo-Schlüssel erzeugt (nur für diesen Lauf; im Betrieb BERATUNGSRAUM_VKB_SECRET setzen).');
    }
    // Without a key the server still runs; the export answers 503 and says what to configure.
    const pseudonyms: Pseudonymizer | null = secret ? createPseudonymizer(secret) : null;
    if (!pseudonyms) core.log('VKB-Export ist abgeschaltet: BERATUNGSRAUM_VKB_SECRET ist nicht gesetzt.');

    return {
      routes: [
        {
          method: 'POST',
          path: REVIEW_EXPORT_PATH,
          async handle(ctx) {
            const user = await core.auth.authenticate(ctx.req, ctx.ip, 'review.export');
            await core.access.requireCustomerAccess(user, ctx.ip, 'review.export', ['team_lead']);
            const request = await readJson(ctx, ReviewExportRequest, 64 * 1024);
            if (!pseudonyms) {
              throw new HttpError(
                503,
                'REVIEW_NOT_CONFIGURED',
                'Der VKB-Export ist auf diesem Server nicht eingerichtet. Der Betrieb muss BERATUNGSRAUM_VKB_SECRET (mindestens 32 Byte) setzen.',
              );
            }
            // A day of margin on both sides: the builder narrows to the Berlin calendar month itself.
            const window = {
              startMs: berlinInstantMs(`${request.month}-01`) - DAY_MS,
              endMs: berlinInstantMs(`${nextMonth(request.month)}-01`) + DAY_MS,
            };
            const { items } = await core.repository.appointments.snapshot(
              { counsellorId: null, region: user.region, includeBps: seesBps(user) },
              window,
            );
            const notes = (await Promise.all(items.map((appointment) => core.repository.notes.forAppointment(appointment.id)))).flat();
            const staff = await core.repository.accounts.list();
            const reply: ReviewExportReply = buildReviewExport(
              user,
              { appointments: items, notes, staff },
              {
                month: request.month,
                seed: request.seed,
                sampleSize: request.sampleSize ?? config.sampleSize,
                caseIds: request.caseIds,
                ...(request.fachdienst ? { fachdienst: request.fachdienst } : {}),
              },
              pseudonyms,
              new Date(),
            );
            core.log(`VKB-Export: ${reply.cases.length} Fälle, Region ${reply.region}, Monat ${reply.month}.`);
            sendJson(ctx.res, 200, reply);
          },
        },
      ],
    };
  },
};

/**
 * Guest links: a signed token that names only a random link id and the expiry (so forging needs the server
 * secret, reading a link reveals no appointment, role or person, and an expired link is told apart from an
 * unknown one after the ledger forgot it), plus the ledger entry that holds everything else and counts
 * uses and revocation. A link admits guests only while its appointment is planned at the time it was issued for:
 * cancelling, moving or ending the appointment ends its links, with a message that says which, and an audit row.
 * Checking and redeeming are separate: the page may check a link and record consent without using it up;
 * entering the waiting room redeems one use.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GuestRole } from '../../src-shared/signalling/messages.js';
import { GuestLinkToken, type AppointmentEnd, type GuestLinkErrorCode, type GuestLinkInfo, type GuestLinkState } from '../../src-shared/signalling/guest-api.js';
import type { SignallingHost } from '../signalling/host.js';
import type { TokenSigner } from '../signalling/signed-token.js';
import type { GuestConsent, LedgerEntry, LinkLedger } from './link-ledger.js';

const PURPOSE = 'guest-link/v1';

/** Link id and expiry (seconds). Links issued before the token named nothing else carry more fields; they are ignored. */
const LinkPayload = z.object({ l: z.string().uuid(), e: z.number().int() });

export interface ValidLink {
  linkId: string;
  appointmentId: string;
  role: GuestRole;
  expiresAt: string;
}

export type LinkCheck = { ok: true; link: ValidLink } | { ok: false; code: GuestLinkErrorCode };

/** Who asks, for the audit of refusals. */
export interface CheckContext {
  readonly ip: string;
  readonly action: string;
}

const UNKNOWN_CALLER: CheckContext = { ip: '', action: 'guest-link.check' };

export const LINK_MESSAGES: Record<GuestLinkErrorCode, string> = {
  LINK_INVALID: 'Dieser Einladungslink ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_EXPIRED: 'Dieser Einladungslink ist abgelaufen. Bitte bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_USED: 'Dieser Einladungslink wurde bereits verwendet. Bitte bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_REVOKED: 'Dieser Einladungslink wurde zurückgezogen. Bitte wenden Sie sich an Ihre Beraterin oder Ihren Berater.',
  LINK_CANCELLED: 'Dieser Termin wurde abgesagt. Der Einladungslink gilt deshalb nicht mehr. Bei Fragen wenden Sie sich bitte an Ihre Beraterin oder Ihren Berater.',
  LINK_MOVED: 'Dieser Termin wurde verschoben. Der Einladungslink gilt deshalb nicht mehr; für den neuen Termin erhalten Sie einen neuen Link.',
  LINK_ENDED: 'Dieser Termin hat bereits stattgefunden. Der Einladungslink gilt deshalb nicht mehr. Bei Fragen wenden Sie sich bitte an Ihre Beraterin oder Ihren Berater.',
};

const END_CODES: Record<AppointmentEnd, GuestLinkErrorCode> = { cancelled: 'LINK_CANCELLED', moved: 'LINK_MOVED', ended: 'LINK_ENDED' };

type Slot = Awaited<ReturnType<SignallingHost['appointmentSlot']>>;

/** What ended the links of an appointment, judged from its state now and the time the link was issued for. */
function appointmentEnd(entry: LedgerEntry, slot: Slot): AppointmentEnd | null {
  // An appointment that vanished from the appointment system is as good as cancelled to the guest.
  if (!slot || slot.status === 'cancelled') return 'cancelled';
  if (slot.status === 'held' || slot.status === 'no_show') return 'ended';
  const moved = (issued: string | undefined, now: string) => issued !== undefined && Date.parse(issued) !== Date.parse(now);
  if (moved(entry.slotStart, slot.start) || moved(entry.slotEnd, slot.end)) return 'moved';
  return null;
}

/** Whether a guest of the link is in the room now (participants carry their link id as principal). */
export type Presence = ReadonlyMap<string, 'waiting' | 'admitted'>;

export class GuestLinks {
  constructor(
    private readonly signer: TokenSigner,
    private readonly ledger: LinkLedger,
    /** Read when a link is made: the core knows its public URL only once listening. */
    private readonly publicOrigin: () => string,
    private readonly host: Pick<SignallingHost, 'appointmentSlot' | 'guestDenied'>,
  ) {}

  private url(entry: Pick<LedgerEntry, 'linkId' | 'expiresAt'>): { token: string; url: string } {
    const token = this.signer.sign(PURPOSE, { l: entry.linkId, e: Math.floor(Date.parse(entry.expiresAt) / 1000) });
    return { token, url: `${this.publicOrigin().replace(/\/$/, '')}/guest/#${token}` };
  }

  async create(input: { appointmentId: string; role: GuestRole; validMinutes: number; maxUses: number; createdBy: string }, now = Date.now()): Promise<GuestLinkInfo & { token: string }> {
    const slot = await this.host.appointmentSlot(input.appointmentId);
    const linkId = randomUUID();
    const expiresAt = new Date(Math.floor(now / 1000) * 1000 + input.validMinutes * 60_000).toISOString();
    const record = {
      linkId,
      appointmentId: input.appointmentId,
      role: input.role,
      expiresAt,
      maxUses: input.maxUses,
      createdBy: input.createdBy,
      createdAt: new Date(now).toISOString(),
      ...(slot ? { slotStart: slot.start, slotEnd: slot.end } : {}),
    };
    await this.ledger.register(record);
    return { ...this.describe({ ...record, uses: 0, revoked: false, openedAt: null, consents: 0 }, slot, new Map(), now), token: this.url(record).token };
  }

  /** Valid signature, not expired, known, not revoked, its appointment still as issued, not used up — without using it. */
  async check(token: string, caller: CheckContext = UNKNOWN_CALLER, now = Date.now()): Promise<LinkCheck> {
    // The shape first: a cut or foreign fragment is refused without touching the signature code.
    if (!GuestLinkToken.safeParse(token).success) return { ok: false, code: 'LINK_INVALID' };
    const verified = this.signer.verify<unknown>(PURPOSE, token);
    if (!verified.ok) return { ok: false, code: 'LINK_INVALID' };
    const payload = LinkPayload.safeParse(verified.payload);
    if (!payload.success) return { ok: false, code: 'LINK_INVALID' };
    if (payload.data.e * 1000 <= now) return { ok: false, code: 'LINK_EXPIRED' };
    const entry = await this.ledger.get(payload.data.l);
    const role = GuestRole.safeParse(entry?.role);
    if (!entry || !role.success) return { ok: false, code: 'LINK_INVALID' };
    if (entry.revoked) return { ok: false, code: 'LINK_REVOKED' };
    const ended = appointmentEnd(entry, await this.host.appointmentSlot(entry.appointmentId));
    if (ended) {
      await this.host.guestDenied(caller.ip, caller.action, entry.linkId, `appointment_${ended}`);
      return { ok: false, code: END_CODES[ended] };
    }
    if (entry.uses >= entry.maxUses) return { ok: false, code: 'LINK_USED' };
    return { ok: true, link: { linkId: entry.linkId, appointmentId: entry.appointmentId, role: role.data, expiresAt: entry.expiresAt } };
  }

  /** The guest page's first look at its link: a check that the counsellor's list shows as "opened". */
  async open(token: string, caller: CheckContext, now = Date.now()): Promise<LinkCheck> {
    const checked = await this.check(token, caller, now);
    if (checked.ok) await this.ledger.markOpened(checked.link.linkId, new Date(now).toISOString());
    return checked;
  }

  /** Check, then count one use atomically (two tabs racing for a single-use link: one wins). */
  async redeem(token: string, caller: CheckContext = UNKNOWN_CALLER, now = Date.now()): Promise<LinkCheck> {
    const checked = await this.check(token, caller, now);
    if (!checked.ok) return checked;
    const outcome = await this.ledger.consume(checked.link.linkId);
    if (outcome === 'ok') return checked;
    return { ok: false, code: outcome === 'revoked' ? 'LINK_REVOKED' : outcome === 'used' ? 'LINK_USED' : 'LINK_INVALID' };
  }

  /** The ledger's entry of a link (for the host check before `info`), or null. */
  entry(linkId: string): Promise<LedgerEntry | null> {
    return this.ledger.get(linkId);
  }

  /** A link as its counsellor sees it; `presence` is the appointment's room now. */
  async info(linkId: string, presence: Presence, now = Date.now()): Promise<GuestLinkInfo | null> {
    const entry = await this.ledger.get(linkId);
    if (!entry || !GuestRole.safeParse(entry.role).success) return null;
    return this.describe(entry, await this.host.appointmentSlot(entry.appointmentId), presence, now);
  }

  /** Every link of an appointment, oldest first. */
  async list(appointmentId: string, presence: Presence, now = Date.now()): Promise<GuestLinkInfo[]> {
    const entries = (await this.ledger.list(appointmentId)).filter((entry) => GuestRole.safeParse(entry.role).success);
    const slot = await this.host.appointmentSlot(appointmentId);
    return entries.map((entry) => this.describe(entry, slot, presence, now));
  }

  private describe(entry: LedgerEntry, slot: Slot, presence: Presence, now: number): GuestLinkInfo {
    const endedBy = entry.revoked ? null : appointmentEnd(entry, slot);
    const here = presence.get(entry.linkId);
    const state: GuestLinkState = entry.revoked || endedBy
      ? 'revoked'
      : here === 'admitted'
        ? 'in_call'
        : here === 'waiting'
          ? 'waiting'
          : Date.parse(entry.expiresAt) <= now
            ? 'expired'
            : entry.uses >= entry.maxUses
              ? 'used'
              : entry.consents > 0
                ? 'consented'
                : entry.openedAt
                  ? 'opened'
                  : 'created';
    return {
      linkId: entry.linkId,
      appointmentId: entry.appointmentId,
      role: GuestRole.parse(entry.role),
      createdAt: entry.createdAt ?? null,
      expiresAt: entry.expiresAt,
      maxUses: entry.maxUses,
      uses: entry.uses,
      revoked: entry.revoked,
      state,
      endedBy,
      url: this.url(entry).url,
    };
  }

  revoke(linkId: string): Promise<boolean> {
    return this.ledger.revoke(linkId);
  }

  addConsent(linkId: string, consent: GuestConsent): Promise<void> {
    return this.ledger.addConsent(linkId, consent);
  }

  hasConsent(linkId: string, consentId: string): Promise<boolean> {
    return this.ledger.hasConsent(linkId, consentId);
  }
}

/**
 * Guest links: a signed token naming appointment, role, link id and expiry (so forging needs the server secret),
 * plus the ledger entry that counts uses and records revocation. Checking and redeeming are separate: the page
 * may check a link and record consent without using it up; entering the waiting room redeems one use.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GuestRole } from '../../src-shared/signalling/messages.js';
import { GuestLinkToken, type GuestLinkErrorCode, type GuestLinkInfo } from '../../src-shared/signalling/guest-api.js';
import type { TokenSigner } from '../signalling/signed-token.js';
import type { GuestConsent, LinkLedger } from './link-ledger.js';

const PURPOSE = 'guest-link/v1';

const LinkPayload = z.object({ l: z.string().uuid(), a: z.string().uuid(), r: GuestRole, e: z.number().int() });
type LinkPayload = z.infer<typeof LinkPayload>;

export interface ValidLink {
  linkId: string;
  appointmentId: string;
  role: GuestRole;
  expiresAt: string;
}

export type LinkCheck = { ok: true; link: ValidLink } | { ok: false; code: GuestLinkErrorCode };

export const LINK_MESSAGES: Record<GuestLinkErrorCode, string> = {
  LINK_INVALID: 'Dieser Einladungslink ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_EXPIRED: 'Dieser Einladungslink ist abgelaufen. Bitte bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_USED: 'Dieser Einladungslink wurde bereits verwendet. Bitte bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link.',
  LINK_REVOKED: 'Dieser Einladungslink wurde zurückgezogen. Bitte wenden Sie sich an Ihre Beraterin oder Ihren Berater.',
};

export class GuestLinks {
  constructor(
    private readonly signer: TokenSigner,
    private readonly ledger: LinkLedger,
    /** Read when a link is made: the core knows its public URL only once listening. */
    private readonly publicOrigin: () => string,
  ) {}

  async create(input: { appointmentId: string; role: GuestRole; validMinutes: number; maxUses: number; createdBy: string }, now = Date.now()): Promise<GuestLinkInfo & { token: string; url: string }> {
    const linkId = randomUUID();
    const expiry = Math.floor(now / 1000) + input.validMinutes * 60;
    const expiresAt = new Date(expiry * 1000).toISOString();
    await this.ledger.register({ linkId, appointmentId: input.appointmentId, role: input.role, expiresAt, maxUses: input.maxUses, createdBy: input.createdBy });
    const token = this.signer.sign(PURPOSE, { l: linkId, a: input.appointmentId, r: input.role, e: expiry } satisfies LinkPayload);
    return { linkId, appointmentId: input.appointmentId, role: input.role, expiresAt, maxUses: input.maxUses, uses: 0, revoked: false, token, url: `${this.publicOrigin().replace(/\/$/, '')}/guest/#${token}` };
  }

  /** Valid signature, not expired, known, not revoked, not used up — without using it. */
  async check(token: string, now = Date.now()): Promise<LinkCheck> {
    // The shape first: a cut or foreign fragment is refused without touching the signature code.
    if (!GuestLinkToken.safeParse(token).success) return { ok: false, code: 'LINK_INVALID' };
    const verified = this.signer.verify<unknown>(PURPOSE, token);
    if (!verified.ok) return { ok: false, code: 'LINK_INVALID' };
    const payload = LinkPayload.safeParse(verified.payload);
    if (!payload.success) return { ok: false, code: 'LINK_INVALID' };
    const { l, a, r, e } = payload.data;
    if (e * 1000 <= now) return { ok: false, code: 'LINK_EXPIRED' };
    const record = await this.ledger.get(l);
    if (!record) return { ok: false, code: 'LINK_INVALID' };
    if (record.revoked) return { ok: false, code: 'LINK_REVOKED' };
    if (record.uses >= record.maxUses) return { ok: false, code: 'LINK_USED' };
    return { ok: true, link: { linkId: l, appointmentId: a, role: r, expiresAt: new Date(e * 1000).toISOString() } };
  }

  /** Check, then count one use atomically (two tabs racing for a single-use link: one wins). */
  async redeem(token: string, now = Date.now()): Promise<LinkCheck> {
    const checked = await this.check(token, now);
    if (!checked.ok) return checked;
    const outcome = await this.ledger.consume(checked.link.linkId);
    if (outcome === 'ok') return checked;
    return { ok: false, code: outcome === 'revoked' ? 'LINK_REVOKED' : outcome === 'used' ? 'LINK_USED' : 'LINK_INVALID' };
  }

  async info(linkId: string): Promise<GuestLinkInfo | null> {
    const r = await this.ledger.get(linkId);
    if (!r) return null;
    const role = GuestRole.safeParse(r.role);
    if (!role.success) return null;
    return { linkId: r.linkId, appointmentId: r.appointmentId, role: role.data, expiresAt: r.expiresAt, maxUses: r.maxUses, uses: r.uses, revoked: r.revoked };
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

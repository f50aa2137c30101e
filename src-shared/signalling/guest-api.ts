/**
 * HTTP bodies of the guest links (counsellor side, under the server's API prefix with bearer auth) and of the
 * guest page's own small API (`/guest/api/*`, authorised by the link token alone).
 */
import { z } from 'zod';
import { Id, IsoDateTime } from '../domain/appointment.js';
import { GuestRole } from './messages.js';

/** Version of the consent text shown on the guest page; recorded with every consent (202209001 §2.1). */
export const CONSENT_TEXT_VERSION = 'video-consent-2026-11';
export const CONSENT_TEXT_VERSIONS = [CONSENT_TEXT_VERSION] as const;

/** POST {API_PREFIX}/guest-links */
export const CreateGuestLinkRequest = z
  .object({
    appointmentId: Id,
    role: GuestRole,
    /** Minutes until the link expires; default 24 h, at most 14 days. */
    validMinutes: z.number().int().min(5).max(14 * 24 * 60).default(24 * 60),
    /** How many times the link may be used to enter the waiting room; 1 = single use. */
    maxUses: z.number().int().min(1).max(20).default(1),
  })
  .strict();
export type CreateGuestLinkRequest = z.input<typeof CreateGuestLinkRequest>;

export const GuestLinkInfo = z.object({
  linkId: Id,
  appointmentId: Id,
  role: GuestRole,
  expiresAt: IsoDateTime,
  maxUses: z.number().int().positive(),
  uses: z.number().int().nonnegative(),
  revoked: z.boolean(),
});
export type GuestLinkInfo = z.infer<typeof GuestLinkInfo>;

export const CreateGuestLinkReply = GuestLinkInfo.extend({
  /** The signed token; the page reads it from the URL fragment, so it never reaches a server log. */
  token: z.string().min(1),
  /** Ready to send to the guest: `<public origin>/guest/#<token>`. */
  url: z.string().min(1),
});
export type CreateGuestLinkReply = z.infer<typeof CreateGuestLinkReply>;

/** DELETE {API_PREFIX}/guest-links/:linkId → 200 with the link's info (revoked: true). */

/** POST /guest/api/link — what the guest page may know about its link before consenting. */
export const GuestLinkCheckRequest = z.object({ link: z.string().min(8).max(4096) }).strict();
export const GuestLinkCheckReply = z.object({
  role: GuestRole,
  expiresAt: IsoDateTime,
  consentTextVersion: z.string(),
});
export type GuestLinkCheckReply = z.infer<typeof GuestLinkCheckReply>;

/** POST /guest/api/consent — the guest agrees to the video consultation. */
export const GuestConsentRequest = z
  .object({
    link: z.string().min(8).max(4096),
    textVersion: z.enum(CONSENT_TEXT_VERSIONS),
    accepted: z.literal(true),
  })
  .strict();
export const GuestConsentReply = z.object({ consentId: Id, givenAt: IsoDateTime, textVersion: z.string() });
export type GuestConsentReply = z.infer<typeof GuestConsentReply>;

export const GuestLinkErrorCode = z.enum(['LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED', 'LINK_REVOKED']);
export type GuestLinkErrorCode = z.infer<typeof GuestLinkErrorCode>;

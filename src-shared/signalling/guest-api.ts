/**
 * HTTP bodies of the guest links (counsellor side, under the server's API prefix with bearer auth) and of the
 * guest page's own small API (`/guest/api/*`, authorised by the link token alone).
 */
import { z } from 'zod';
import { CONSENT_TEXT_VERSIONS, Id, IsoDateTime } from '../domain/appointment.js';
import { GuestRole } from './messages.js';

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

/**
 * Where a link stands, for the counsellor's list: `created` → `opened` (the page checked it) → `consented` →
 * `waiting` / `in_call` (a guest of this link is in the room now) → `used` (no use left); or it no longer
 * admits anyone: `expired`, `revoked` (by the counsellor, or because the appointment was cancelled, moved or
 * ended: `endedBy`).
 */
export const GuestLinkState = z.enum(['created', 'opened', 'consented', 'waiting', 'in_call', 'used', 'expired', 'revoked']);
export type GuestLinkState = z.infer<typeof GuestLinkState>;

/** A change of the appointment itself that made its links invalid. */
export const AppointmentEnd = z.enum(['cancelled', 'moved', 'ended']);
export type AppointmentEnd = z.infer<typeof AppointmentEnd>;

export const GuestLinkInfo = z.object({
  linkId: Id,
  appointmentId: Id,
  role: GuestRole,
  /** Null for links issued before this was recorded. */
  createdAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime,
  maxUses: z.number().int().positive(),
  uses: z.number().int().nonnegative(),
  /** Revoked by the counsellor. */
  revoked: z.boolean(),
  state: GuestLinkState,
  endedBy: AppointmentEnd.nullable(),
  /** Ready to send to the guest: `<public origin>/guest/#<token>`; the token sits in the fragment, which never reaches a server log. */
  url: z.string().min(1).max(8192),
});
export type GuestLinkInfo = z.infer<typeof GuestLinkInfo>;

export const CreateGuestLinkReply = GuestLinkInfo.extend({
  /** The signed token (the fragment of `url`). It names the link only: no appointment, role or person. */
  token: z.string().min(1),
});
export type CreateGuestLinkReply = z.infer<typeof CreateGuestLinkReply>;

/** GET {API_PREFIX}/guest-links?appointmentId=<id> — the appointment's links, oldest first. */
export const GuestLinkListQuery = z.object({ appointmentId: Id }).strict();
export const GuestLinkList = z.object({ links: z.array(GuestLinkInfo).max(500) });
export type GuestLinkList = z.infer<typeof GuestLinkList>;

/** GET and DELETE {API_PREFIX}/guest-links/:linkId → 200 with the link's info (DELETE: revoked). */

/** Longest fragment the guest page reads as a link; a real one is about 250 characters. */
export const GUEST_LINK_MAX_LENGTH = 4096;

/**
 * The shape of a guest link's token, as it stands in the fragment (`/guest/#<token>`): the server's signed token
 * `base64url(payload).base64url(HMAC-SHA256)` (src-server/signalling/signed-token.ts), so the MAC is exactly 43
 * characters. The page checks it before asking the server, so a cut, doubled or foreign fragment gets a clear
 * message at once; the server checks it again before verifying the signature.
 */
export const GuestLinkToken = z
  .string()
  .max(GUEST_LINK_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}$/);

/**
 * What the guest page sends the server when it cannot show a link (`POST /guest/api/problem`), so the server's log
 * shows it: what went wrong and how long the fragment was, never the fragment itself (it may be a valid token).
 */
export const GuestPageProblem = z
  .object({
    kind: z.enum(['link_too_long', 'link_bad_escape', 'link_bad_shape', 'page_error']),
    /** Length of the fragment in characters (0 for `page_error`). */
    length: z.number().int().nonnegative().max(100_000_000),
  })
  .strict();
export type GuestPageProblem = z.infer<typeof GuestPageProblem>;

/**
 * POST /guest/api/link — what the guest page may know about its link before consenting. Any string up to the
 * limit: a wrong one is refused as LINK_INVALID with the message for guests, not as an invalid request.
 */
export const GuestLinkCheckRequest = z.object({ link: z.string().min(1).max(GUEST_LINK_MAX_LENGTH) }).strict();
export const GuestLinkCheckReply = z.object({
  role: GuestRole,
  expiresAt: IsoDateTime,
  consentTextVersion: z.string(),
});
export type GuestLinkCheckReply = z.infer<typeof GuestLinkCheckReply>;

/** POST /guest/api/consent — the guest agrees to the video consultation. */
export const GuestConsentRequest = z
  .object({
    link: z.string().min(1).max(GUEST_LINK_MAX_LENGTH),
    textVersion: z.enum(CONSENT_TEXT_VERSIONS),
    accepted: z.literal(true),
  })
  .strict();
export const GuestConsentReply = z.object({ consentId: Id, givenAt: IsoDateTime, textVersion: z.string() });
export type GuestConsentReply = z.infer<typeof GuestConsentReply>;

/** Why a link admits nobody; `LINK_CANCELLED`, `LINK_MOVED`, `LINK_ENDED`: the appointment itself changed. */
export const GuestLinkErrorCode = z.enum(['LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED', 'LINK_REVOKED', 'LINK_CANCELLED', 'LINK_MOVED', 'LINK_ENDED']);
export type GuestLinkErrorCode = z.infer<typeof GuestLinkErrorCode>;

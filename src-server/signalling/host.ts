/**
 * What the signalling service needs from the server core: who a bearer token belongs to, whether that user may
 * host an appointment's call (own appointment; BPS only for BPS staff), and where a guest's consent is stored.
 * The extension (./extension.ts) implements it over the core's authenticator, access policy and repository,
 * which also audit every refusal; tests pass a small fake.
 */
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import type { Appointment, ConsentRecord } from '../../src-shared/domain/appointment.js';
import type { GuestRole } from '../../src-shared/signalling/messages.js';

export interface SignallingHost {
  /** The user of a bearer token, or null (refusal audited by the host). */
  authenticate(bearerToken: string, ip: string, action: string): Promise<SessionUser | null>;
  /** True when `user` may open the appointment's room and issue or revoke its guest links (refusal audited). */
  mayHost(user: SessionUser, appointmentId: string, ip: string, action: string): Promise<boolean>;
  /** Persist a consent given on the guest page (for role customer: the appointment's current consent). */
  recordConsent(consent: ConsentRecord, context: { role: GuestRole; linkId: string; consentId: string }): Promise<void>;
  /**
   * Status and time of an appointment, or null when it no longer exists: its guest links work only while it is
   * planned at the time they were issued for. Server-internal, for no user; the caller reveals none of it.
   */
  appointmentSlot(appointmentId: string): Promise<Pick<Appointment, 'status' | 'start' | 'end'> | null>;
  /** Audit a guest's refusal (no account: the guest is known by the link id only). */
  guestDenied(ip: string, action: string, linkId: string, reason: string): Promise<void>;
}

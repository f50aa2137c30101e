/**
 * Who may see and change what. The one place of the access rules (domain.md):
 * - BPS appointments and notes are health data: only users whose Fachdienst is BPS learn that they exist.
 *   To everyone else a BPS appointment answers exactly like a missing one, and the attempt is audited.
 * - IT support gets no customer data at all: every customer endpoint refuses the role (audited).
 * - Counsellors see and change their own appointments; team leads see their region's appointments with the
 *   customer pseudonymised (for the "Nah am Kunden" figures) and change nothing.
 * Extensions (signalling, guest links) use `appointmentForAction` before they open a room for an appointment.
 */
import type { Appointment } from '../../src-shared/domain/appointment.js';
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import { isHealthData, mayView } from '../../src-shared/rules/visibility.js';
import { HttpError } from '../http/errors.js';
import type { AppointmentScope, Repository } from '../storage/repository.js';
import type { Auditor } from './audit.js';

/** Whether `user` may learn of BPS appointments and notes at all (the rule itself: src-shared/rules/visibility). */
export const seesBps = (user: SessionUser): boolean => user.fachdienst === 'BPS' && user.role !== 'it_support';

export interface FeedAccess {
  readonly scope: AppointmentScope;
  /** Replace the customer's name and number by the pseudonym before sending. */
  readonly pseudonymise: boolean;
}

export interface AccessPolicy {
  /** Throws 403 (audited) for roles that may not see customer data through `action`. */
  requireCustomerAccess(user: SessionUser, ip: string, action: string, roles: readonly SessionUser['role'][]): Promise<void>;
  feedAccess(user: SessionUser): FeedAccess;
  /** Whether `user` may see `appointment` at all (used as a second check on everything a store returns). */
  maySee(user: SessionUser, appointment: Appointment): boolean;
  /**
   * The appointment `user` may act on (open its room, write its note, change its status): their own, and a BPS
   * one only with the BPS role. Null when missing or not theirs, which callers must answer identically; a hidden
   * one is audited.
   */
  appointmentForAction(user: SessionUser, appointmentId: string, ip: string, action: string): Promise<Appointment | null>;
  /** The appointment as `user` may receive it. */
  present(user: SessionUser, appointment: Appointment): Appointment;
}

export function createAccessPolicy(repository: Repository, audit: Auditor): AccessPolicy {
  const maySee = (user: SessionUser, appointment: Appointment): boolean => {
    if (!mayView(user, appointment)) return false;
    if (user.role === 'counsellor') return appointment.counsellorId === user.id;
    return appointment.agencyRegion === user.region;
  };

  return {
    async requireCustomerAccess(user, ip, action, roles) {
      if (roles.includes(user.role)) return;
      await audit.denied(user, ip, action, null, `role_${user.role}`);
      throw new HttpError(
        403,
        'FORBIDDEN',
        user.role === 'it_support'
          ? 'Der IT-Support hat keinen Zugriff auf Kundendaten. Für Geräteprüfungen ist kein Kundenzugriff nötig.'
          : 'Ihre Rolle hat keinen Zugriff auf diese Funktion. Wenden Sie sich an Ihre Führungskraft.',
      );
    },

    feedAccess(user) {
      if (user.role === 'counsellor') {
        return { scope: { counsellorId: user.id, region: null, includeBps: seesBps(user) }, pseudonymise: false };
      }
      return { scope: { counsellorId: null, region: user.region, includeBps: seesBps(user) }, pseudonymise: true };
    },

    maySee,

    async appointmentForAction(user, appointmentId, ip, action) {
      const appointment = await repository.appointments.get(appointmentId);
      if (!appointment) return null;
      if (user.role === 'counsellor' && maySee(user, appointment)) return appointment;
      await audit.denied(
        user,
        ip,
        action,
        appointmentId,
        isHealthData(appointment) && !seesBps(user) ? 'bps_restricted' : user.role === 'counsellor' ? 'not_owner' : `role_${user.role}`,
      );
      return null;
    },

    present(user, appointment) {
      if (user.role === 'counsellor') return appointment;
      const { pseudonym } = appointment.customer;
      return { ...appointment, customer: { customerNumber: pseudonym, displayName: pseudonym, pseudonym } };
    },
  };
}

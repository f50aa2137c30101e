/**
 * Who may know of what (BA-Weisung 202209006 §3, 202503001 §2):
 * - even the existence of a BPS appointment is health data: only users of the BPS see BPS appointments and notes;
 * - IT support never sees customer data;
 * - team leads see customers only by pseudonym.
 */
import type { Appointment, Customer, Fachdienst } from '../domain/appointment.js';

export interface Viewer {
  readonly role: 'counsellor' | 'team_lead' | 'it_support';
  readonly fachdienst: Fachdienst | null;
}

export const isHealthData = (appointment: Pick<Appointment, 'fachdienst' | 'type'>): boolean =>
  appointment.fachdienst === 'BPS' || appointment.type === 'bps_begutachtung';

export function mayView(viewer: Viewer, appointment: Pick<Appointment, 'fachdienst' | 'type'>): boolean {
  if (viewer.role === 'it_support') return false;
  return !isHealthData(appointment) || viewer.fachdienst === 'BPS';
}

/** Whether the viewer sees the customer's name and number or only the pseudonym. */
export const seesPseudonymOnly = (viewer: Viewer): boolean => viewer.role !== 'counsellor';

export const customerLabel = (viewer: Viewer, customer: Customer): string =>
  seesPseudonymOnly(viewer) ? customer.pseudonym : `${customer.displayName} (${customer.customerNumber})`;

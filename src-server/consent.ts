/**
 * Recording a customer's consent to video (202209001 §2.1): kept in the consent history (given and withdrawn,
 * nothing overwritten) and set as the appointment's current consent, so the counsellor's calendar shows it on
 * the next feed. Used by the ops endpoint (consent taken by phone or in person) and by the guest page.
 */
import type { ConsentRecord } from '../src-shared/domain/appointment.js';
import type { Repository } from './storage/repository.js';

export async function recordConsent(repository: Repository, consent: ConsentRecord, recordedBy: string): Promise<void> {
  await repository.consents.record(consent, recordedBy);
  await repository.appointments.update(consent.appointmentId, (current) => ({ ...current, consent }));
}

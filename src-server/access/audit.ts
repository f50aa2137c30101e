/**
 * The audit trail of denied access: every refusal to show or change something (wrong password, missing token,
 * a role that may not see customer data, a BPS appointment asked for by someone outside the BPS) is written
 * here before the refusal is sent. Entries name the actor and the target id, never customer data.
 */
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import type { AuditLog } from '../storage/repository.js';

export interface Auditor {
  denied(who: SessionUser | null, ip: string, action: string, target: string | null, reason: string): Promise<void>;
}

export function createAuditor(log: AuditLog, report: (message: string) => void): Auditor {
  return {
    async denied(who, ip, action, target, reason) {
      try {
        await log.append({
          at: new Date().toISOString(),
          actorId: who?.id ?? null,
          actorRole: who?.role ?? null,
          actorFachdienst: who?.fachdienst ?? null,
          ip,
          action,
          target,
          outcome: 'denied',
          reason,
        });
      } catch (error) {
        // The refusal itself still stands; losing its audit entry must be visible to operations.
        report(`Audit-Eintrag konnte nicht geschrieben werden (${action}, ${reason}): ${String(error)}`);
      }
    },
  };
}

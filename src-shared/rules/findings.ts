/**
 * What a rule says about an appointment or a change: a refusal stops the change, a warning lets it through but
 * must be shown. Every finding has a stable code (the UI translates by code) and a German message that says what
 * to do, so a back-office refusal can travel as an `IpcError('REFUSED', message)` without further wording.
 */
export type FindingCode =
  | 'ERSTGESPRAECH_ALO_NUR_PRAESENZ'
  | 'BERATUNG_PER_TELEFON'
  | 'TVZ_UEBERSCHRITTEN'
  | 'EINWILLIGUNG_FEHLT'
  | 'EINWILLIGUNG_WIDERRUFEN'
  | 'VIDEOKANAELE_UEBERBUCHT'
  | 'VERMERK_UEBERFAELLIG'
  | 'VERMERK_UNVOLLSTAENDIG'
  | 'NOCH_NICHT_BEGONNEN';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: 'refusal' | 'warning';
  /** German, says what to do. */
  readonly message: string;
}

/** Thrown where a caller asked for a change that a refusal forbids; carries the finding's code. */
export class RuleRefusal extends Error {
  override readonly name = 'RuleRefusal';
  readonly code: FindingCode;
  constructor(readonly finding: Finding) {
    super(finding.message);
    this.code = finding.code;
  }
}

/** Throws the first refusal among the findings; warnings pass. */
export function assertNoRefusal(findings: readonly Finding[]): void {
  const refusal = findings.find((finding) => finding.severity === 'refusal');
  if (refusal) throw new RuleRefusal(refusal);
}

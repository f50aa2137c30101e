/**
 * Why a probe got no answer, as a short machine-readable word: the report keeps the word (figures and finding
 * params), the message catalogue (messages.ts) says it in a sentence. Node's socket error codes are mapped to
 * these in src-main (socket-errors.ts); the app's relay check uses `no-relay`.
 */
export const PROBE_CAUSES = [
  'timeout',
  'refused',
  'dns',
  'unreachable',
  'reset',
  'forbidden',
  'blocked-port',
  'tls-certificate',
  'tls-handshake',
  'not-stun',
  'http-error',
  'no-relay',
  'other',
] as const;
export type ProbeCause = (typeof PROBE_CAUSES)[number];

export const isProbeCause = (value: unknown): value is ProbeCause => typeof value === 'string' && (PROBE_CAUSES as readonly string[]).includes(value);

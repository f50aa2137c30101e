/**
 * The TURN addresses the command line probes by STUN (reachability, round trip, loss): IT support checks laptops
 * before anyone signs in, so the CLI takes them from `--turn` or `BERATUNGSRAUM_TURN_URLS` (comma-separated turn:
 * URLs). STUN binding requests need no credentials, so no TURN secret is ever read on the client; the app gets
 * its relay credentials from the signed-in server (turn-grant.ts).
 */
export const turnUrlsFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env.BERATUNGSRAUM_TURN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

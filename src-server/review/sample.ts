/**
 * The seeded random sample of the case review: within each group (region × month) every candidate gets a rank
 * SHA-256(seed, id) and the `size` lowest ranks are drawn. This is a uniform draw without replacement that anyone
 * holding the seed and the same data can repeat (audit), and adding a case to a month does not reshuffle the
 * others: it only enters the sample if its own rank is low enough.
 */
import { createHash } from 'node:crypto';

export interface SampleCandidate {
  readonly id: string;
  readonly region: string;
  /** YYYY-MM */
  readonly month: string;
}

const rank = (seed: string, id: string): string => createHash('sha256').update(`${seed}\0${id}`).digest('hex');

export function drawSample<C extends SampleCandidate>(candidates: readonly C[], seed: string, size: number): C[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('Die Stichprobengröße muss eine positive ganze Zahl sein.');
  const groups = new Map<string, { candidate: C; rank: string }[]>();
  for (const candidate of candidates) {
    const key = `${candidate.region}\0${candidate.month}`;
    const group = groups.get(key) ?? [];
    group.push({ candidate, rank: rank(seed, candidate.id) });
    groups.set(key, group);
  }
  const drawn: C[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    group.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    drawn.push(...group.slice(0, size).map((entry) => entry.candidate));
  }
  return drawn;
}

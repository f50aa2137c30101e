/**
 * The order of a run of checks: phases one after the other, and in each phase groups that run at the same time.
 * A group shares one device session (camera + background share one look; microphone + headset one recording of
 * the prompted sentence). Only checks that do not disturb each other overlap: the network check waits on the
 * relay and the audio checks on real time and the person — neither needs much CPU — while the camera analysis
 * is CPU-heavy and runs alone, so it cannot inflate the network's round trip and jitter.
 */
import type { CheckId } from '../../../src-shared/readiness/report.js';

export type CheckGroup = readonly CheckId[];
export type Phase = readonly CheckGroup[];

const PHASES: readonly (readonly CheckGroup[])[] = [[['network'], ['microphone', 'headset']], [['hardware']], [['camera', 'background']]];

export function suitePlan(ids: readonly CheckId[]): Phase[] {
  const wanted = new Set(ids);
  return PHASES.map((phase) => phase.map((group) => group.filter((id) => wanted.has(id))).filter((group) => group.length > 0)).filter((phase) => phase.length > 0);
}

/**
 * Resolved settings of the signalling service (see src-shared/signalling/config.ts for the config file's
 * sections and ./README.md for their meaning).
 */
import type { SignallingSettings } from '../../src-shared/signalling/config.js';
import type { TurnConfig } from '../turn/credentials.js';

export type SignallingConfig = Omit<SignallingSettings, 'secret' | 'redisUrl'> & {
  secret: string;
  /** Empty: one process, rooms in memory. */
  redisUrl: string;
  /** Origin the guest links point to. */
  publicOrigin: string;
  turn: TurnConfig;
};

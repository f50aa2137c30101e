/**
 * Rollout on issued laptops: managed settings, the support bundle for IT, updates and the first run.
 */
import { z } from 'zod';
import { EffectiveSettings, ServerUrl, UpdateChannel, UserSettings } from '../../policy/settings.js';
import { event, method } from '../define.js';

export const SupportBundleResult = z.object({
  /** Absolute path of the zip, for the user to hand to IT support. */
  path: z.string().min(1).max(4096),
  bytes: z.int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
  logFiles: z.int().min(0),
  readinessReport: z.enum(['included', 'absent']),
});
export type SupportBundleResult = z.infer<typeof SupportBundleResult>;

export const UpdateState = z.enum([
  /** Switched off by policy or setting, or no feed configured; `reason` says which. */
  'disabled',
  /** This shell cannot update itself (web shell, or Electron run from source). */
  'unsupported',
  'idle',
  'checking',
  'available',
  'not-available',
  'downloading',
  /** Verified (sha512 from the feed) and ready to install on the next restart. */
  'downloaded',
  'error',
]);
export type UpdateState = z.infer<typeof UpdateState>;

export const UpdateStatus = z.object({
  state: UpdateState,
  /** German, for the settings view: why disabled/unsupported, or what went wrong. */
  reason: z.string().max(500).nullable(),
  feedUrl: ServerUrl.nullable(),
  channel: UpdateChannel,
  currentVersion: z.string().max(64),
  availableVersion: z.string().max(64).nullable(),
  percent: z.number().min(0).max(100).nullable(),
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const FirstRunState = z.object({
  /** False until the user finished (or skipped) the welcome. */
  completed: z.boolean(),
  serverUrl: ServerUrl.nullable(),
  /** The policy sets the server address: the sign-in form shows it and does not ask. */
  serverUrlLocked: z.boolean(),
});
export type FirstRunState = z.infer<typeof FirstRunState>;

const empty = z.object({}).strict();

export const rolloutMethods = {
  'settings.get': method(empty, EffectiveSettings),
  'settings.set': method(UserSettings, EffectiveSettings),
  'support.createBundle': method(empty, SupportBundleResult),
  'updates.status': method(empty, UpdateStatus),
  'updates.check': method(empty, UpdateStatus),
  'firstRun.get': method(empty, FirstRunState),
  'firstRun.complete': method(empty, FirstRunState),
} as const;

export const rolloutEvents = {
  'settings.changed': event(EffectiveSettings),
  'updates.status': event(UpdateStatus),
} as const;

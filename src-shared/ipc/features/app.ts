import { z } from 'zod';
import { event, method } from '../define.js';

export const Shell = z.enum(['electron', 'web']);
export type Shell = z.infer<typeof Shell>;

export const Language = z.enum(['de', 'en']);
export type Language = z.infer<typeof Language>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Which shell serves this renderer: the Electron app, or the web shell in a system browser. */
  shell: Shell,
  platform: z.string(),
  runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  startedAt: z.iso.datetime({ offset: true }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Preferences = z.object({ language: Language });
export type Preferences = z.infer<typeof Preferences>;

export const appMethods = {
  'app.info': method(z.object({}).strict(), AppInfo),
  'preferences.get': method(z.object({}).strict(), Preferences),
  'preferences.set': method(Preferences.partial().strict(), Preferences),
} as const;

export const appEvents = {
  'preferences.changed': event(Preferences),
} as const;

/**
 * The settings IT can manage on issued laptops, their defaults and the shape of the machine-wide policy.
 *
 * Three layers decide each value (`resolve.ts`): a valid machine policy locks it, otherwise the user's own choice
 * applies, otherwise the default. An invalid policy locks the security-relevant values to `SAFE_DEFAULTS`: an
 * administrator who wrote a broken file meant to restrict the laptop, so the app must not fall open.
 */
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Scheme, user info and host of an absolute URL (src-shared has no `URL` global: neither DOM nor Node types). */
const urlParts = (value: string) => {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(value);
  const authority = match?.[2] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPort = authority.slice(at + 1);
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0];
  return { scheme: (match?.[1] ?? '').toLowerCase(), hasUserInfo: at >= 0, host: (host ?? '').toLowerCase() };
};

/**
 * https only; plain http is accepted for loopback addresses because the self-hosted server runs there in
 * development and tests. Credentials in the URL are refused: they would end up in logs and support bundles.
 */
export const ServerUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((value) => {
    const { scheme, host } = urlParts(value);
    return scheme === 'https' || LOOPBACK_HOSTS.has(host);
  }, 'Nur https-Adressen sind erlaubt (http nur für localhost).')
  .refine((value) => !urlParts(value).hasUserInfo, 'Die Adresse darf keine Anmeldedaten enthalten.');

/** electron-builder's channel names; `latest` is the stable channel. */
export const UpdateChannel = z.enum(['latest', 'beta', 'alpha']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

export const LogLevel = z.enum(['error', 'warn', 'info', 'debug']);
export type LogLevel = z.infer<typeof LogLevel>;

/** Every value that a policy can set and lock, flat so each one can be managed on its own. */
export const ManagedSettings = z.object({
  /** The organisation's self-hosted Beratungsraum server; null until someone enters it. */
  serverUrl: ServerUrl.nullable(),
  /** Minutes of inactivity after which the app locks (the store is closed, the PIN/password is needed again). */
  autoLockMinutes: z.int().min(1).max(240),
  /** Days the local, encrypted cache keeps appointments and notes that have been synchronised. */
  retentionDays: z.int().min(1).max(3650),
  screenSharingAllowed: z.boolean(),
  updatesEnabled: z.boolean(),
  /** Base URL of the generic electron-updater feed (the folder that holds `latest.yml`). */
  updateFeedUrl: ServerUrl.nullable(),
  updateChannel: UpdateChannel,
  logLevel: LogLevel,
  /**
   * Video channels the agency or office has for simultaneous calls. The calendar warns when more video
   * appointments overlap in an hour than this (BA-Weisung 202209006 §3: spread video appointments over the day);
   * the reports count the days with such peaks. An office-wide figure, so IT may set it for every laptop there.
   */
  videoChannels: z.int().min(1).max(50),
  /**
   * Net working minutes per working day, the base of the reports' share of counselling time against the 50 %
   * target (BA-Weisung 202502006 §2.2). The default 468 is 7.8 hours, a fifth of a 39-hour full-time week;
   * part-time counsellors set their own.
   */
  netMinutesPerWorkingDay: z.int().min(60).max(720),
});
export type ManagedSettings = z.infer<typeof ManagedSettings>;

export const SettingKey = ManagedSettings.keyof();
export type SettingKey = z.infer<typeof SettingKey>;
export const SETTING_KEYS = SettingKey.options;

/** What a fresh, unmanaged installation starts with. */
export const DEFAULTS: ManagedSettings = {
  serverUrl: null,
  autoLockMinutes: 10,
  retentionDays: 90,
  screenSharingAllowed: true,
  // Without a feed there is nothing to update from; IT enables updates together with the feed URL.
  updatesEnabled: false,
  updateFeedUrl: null,
  updateChannel: 'latest',
  logLevel: 'info',
  videoChannels: 2,
  netMinutesPerWorkingDay: 468,
};

/**
 * What an invalid policy locks, key by key. Each value is the restrictive choice; `serverUrl` is left to the
 * user, because an address cannot be guessed and signing in still needs valid credentials. The two planning
 * figures (`videoChannels`, `netMinutesPerWorkingDay`) open nothing up, so no value of theirs is more restrictive
 * than another: they are locked to the ordinary defaults, because the broken file may well have meant to set them
 * office-wide, and a figure the user typed earlier would then look like the office's.
 */
export const SAFE_DEFAULTS: Omit<ManagedSettings, 'serverUrl'> = {
  autoLockMinutes: 5,
  retentionDays: 30,
  screenSharingAllowed: false,
  // A feed named in a file that failed validation is not trusted.
  updatesEnabled: false,
  updateFeedUrl: null,
  updateChannel: 'latest',
  logLevel: 'info',
  videoChannels: DEFAULTS.videoChannels,
  netMinutesPerWorkingDay: DEFAULTS.netMinutesPerWorkingDay,
};

/**
 * The policy document (`policy.json`, or the registry values mapped onto the same names). Unknown keys are an
 * error rather than ignored: a misspelt key would otherwise leave a value unmanaged without anyone noticing.
 */
export const PolicyDocument = ManagedSettings.partial().strict();
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** The user's own choices, stored in their data folder; every key optional (absent means "use the default"). */
export const UserSettings = ManagedSettings.partial().strict();
export type UserSettings = z.infer<typeof UserSettings>;

export const PolicySourceKind = z.enum(['registry', 'file']);
export type PolicySourceKind = z.infer<typeof PolicySourceKind>;

/** One place a policy was looked for, and what was found there. */
export const PolicySourceReport = z.object({
  kind: PolicySourceKind,
  /** File path or registry key, for IT support. */
  location: z.string().max(1024),
  state: z.enum(['absent', 'valid', 'invalid']),
  /** For `invalid`: what is wrong, in German, one entry per problem (never the offending value itself). */
  problems: z.array(z.string().max(500)).max(50),
});
export type PolicySourceReport = z.infer<typeof PolicySourceReport>;

export const PolicyState = z.enum(['absent', 'valid', 'invalid']);
export type PolicyState = z.infer<typeof PolicyState>;

/** The outcome of reading every policy source once. */
export const PolicyReading = z.object({
  state: PolicyState,
  /** Only for `valid`: the values the policy sets (registry values over the file where both exist). */
  document: PolicyDocument.nullable(),
  sources: z.array(PolicySourceReport),
  readAt: z.iso.datetime({ offset: true }),
});
export type PolicyReading = z.infer<typeof PolicyReading>;

export const SettingSource = z.enum(['policy', 'policy-invalid', 'user', 'default']);
export type SettingSource = z.infer<typeof SettingSource>;

const effective = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    source: SettingSource,
    /** True when the user cannot change it (managed by a valid policy, or locked by an invalid one). */
    locked: z.boolean(),
  });

export const EffectiveSettings = z.object({
  values: z.object({
    serverUrl: effective(ManagedSettings.shape.serverUrl),
    autoLockMinutes: effective(ManagedSettings.shape.autoLockMinutes),
    retentionDays: effective(ManagedSettings.shape.retentionDays),
    screenSharingAllowed: effective(ManagedSettings.shape.screenSharingAllowed),
    updatesEnabled: effective(ManagedSettings.shape.updatesEnabled),
    updateFeedUrl: effective(ManagedSettings.shape.updateFeedUrl),
    updateChannel: effective(ManagedSettings.shape.updateChannel),
    logLevel: effective(ManagedSettings.shape.logLevel),
    videoChannels: effective(ManagedSettings.shape.videoChannels),
    netMinutesPerWorkingDay: effective(ManagedSettings.shape.netMinutesPerWorkingDay),
  }),
  policy: PolicyReading,
});
export type EffectiveSettings = z.infer<typeof EffectiveSettings>;

/** Just the values, for services that only need to act on them. */
export const plainValues = (settings: EffectiveSettings): ManagedSettings => {
  const { values } = settings;
  return {
    serverUrl: values.serverUrl.value,
    autoLockMinutes: values.autoLockMinutes.value,
    retentionDays: values.retentionDays.value,
    screenSharingAllowed: values.screenSharingAllowed.value,
    updatesEnabled: values.updatesEnabled.value,
    updateFeedUrl: values.updateFeedUrl.value,
    updateChannel: values.updateChannel.value,
    logLevel: values.logLevel.value,
    videoChannels: values.videoChannels.value,
    netMinutesPerWorkingDay: values.netMinutesPerWorkingDay.value,
  };
};

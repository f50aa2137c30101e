/**
 * The update feed's metadata file (`latest.yml`, `latest-linux.yml`, `beta.yml`, …) in the format
 * electron-builder writes and electron-updater reads: a version, the files with their base64 SHA-512 and size,
 * and the legacy top-level `path`/`sha512` of the first file. Validated wherever a feed file is read.
 */
import { z } from 'zod';
import { type UpdateChannel } from './settings.js';

/** base64 of a 64-byte digest: 86 characters and two `=` of padding. */
const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'SHA-512 (base64) erwartet');

/** A file name in the feed folder: no folders, no traversal. */
export const FeedFileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$/).refine((name) => !name.includes('..'), 'Ungültiger Dateiname');

export const UpdateFileInfo = z.object({
  url: FeedFileName,
  sha512: Sha512Base64,
  size: z.int().min(0),
  /** Set for per-machine NSIS installers: the update needs elevation (electron-updater asks for it). */
  isAdminRightsRequired: z.boolean().optional(),
});
export type UpdateFileInfo = z.infer<typeof UpdateFileInfo>;

export const UpdateInfo = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'Semantische Version erwartet'),
  files: z.array(UpdateFileInfo).min(1),
  /** Legacy fields (electron-updater < 2.15), always the first file. */
  path: FeedFileName,
  sha512: Sha512Base64,
  releaseDate: z.iso.datetime({ offset: true }),
  releaseNotes: z.string().max(20_000).optional(),
});
export type UpdateInfo = z.infer<typeof UpdateInfo>;

export const FeedPlatform = z.enum(['win', 'linux', 'mac']);
export type FeedPlatform = z.infer<typeof FeedPlatform>;

/**
 * The metadata file name, as electron-builder names it (app-builder-lib updateInfoBuilder): the channel, then
 * `-linux`/`-mac` except on Windows, then an arch suffix for non-x64 Linux builds.
 */
export function updateInfoFileName(channel: UpdateChannel, platform: FeedPlatform, arch: 'x64' | 'arm64' | 'armv7l' = 'x64'): string {
  const os = platform === 'win' ? '' : `-${platform}`;
  const archSuffix = platform !== 'linux' || arch === 'x64' ? '' : arch === 'armv7l' ? '-arm' : `-${arch}`;
  return `${channel}${os}${archSuffix}.yml`;
}

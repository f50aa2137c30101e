/**
 * Writes and verifies the metadata of the self-hosted update feed.
 *
 * `npm run dist` makes electron-builder write `latest.yml` itself (the `publish:` generic provider in
 * electron-builder.yml). Where no Electron binary exists (this machine, CI), and for artefacts re-signed after
 * the build, this module produces the same file from the artefacts: the same fields in the same order, the
 * SHA-512 in base64 over the whole file (app-builder-lib/out/util/hash.js) and js-yaml with the same options
 * (builder-util serializeToYaml). `verifyArtefact` runs the very check electron-updater runs on a download:
 * builder-util-runtime's `DigestTransform`, which fails with ERR_CHECKSUM_MISMATCH.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { DigestTransform } from 'builder-util-runtime';
import { dump, load } from 'js-yaml';
import { UpdateInfo, updateInfoFileName, type FeedPlatform } from '../../../src-shared/policy/update-feed.js';
import type { UpdateChannel } from '../../../src-shared/policy/settings.js';

export async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('base64');
}

export interface FeedArtefact {
  readonly file: string;
  /** NSIS per-machine installers: electron-builder marks them so the updater elevates. */
  readonly isAdminRightsRequired?: boolean;
}

export async function createUpdateInfo(version: string, artefacts: readonly FeedArtefact[], releaseDate: Date = new Date()): Promise<UpdateInfo> {
  if (artefacts.length === 0) throw new Error('Mindestens ein Artefakt angeben.');
  const files = [];
  for (const artefact of artefacts) {
    files.push({
      url: basename(artefact.file),
      sha512: await sha512Base64(artefact.file),
      size: (await stat(artefact.file)).size,
      ...(artefact.isAdminRightsRequired ? { isAdminRightsRequired: true } : {}),
    });
  }
  const first = files[0]!;
  return UpdateInfo.parse({ version, files, path: first.url, sha512: first.sha512, releaseDate: releaseDate.toISOString() });
}

export const serializeUpdateInfo = (info: UpdateInfo): string => dump(info, { lineWidth: 8000, skipInvalid: false, noRefs: true });

export async function writeFeedMetadata(
  directory: string,
  options: { version: string; channel: UpdateChannel; platform: FeedPlatform; artefacts: readonly FeedArtefact[]; releaseDate?: Date },
): Promise<{ file: string; info: UpdateInfo }> {
  const info = await createUpdateInfo(options.version, options.artefacts, options.releaseDate);
  const file = join(directory, updateInfoFileName(options.channel, options.platform));
  await mkdir(directory, { recursive: true });
  await writeFile(file, serializeUpdateInfo(info));
  return { file, info };
}

export async function readFeedMetadata(file: string): Promise<UpdateInfo> {
  return UpdateInfo.parse(load(await readFile(file, 'utf8')));
}

export class ArtefactRejectedError extends Error {
  override readonly name = 'ArtefactRejectedError';
  constructor(
    readonly code: 'ERR_CHECKSUM_MISMATCH' | 'ERR_SIZE_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/** The check electron-updater applies to every downloaded update, applied to a file on disk. */
export async function verifyArtefact(file: string, expected: { sha512: string; size: number }): Promise<void> {
  const actualSize = (await stat(file)).size;
  if (actualSize !== expected.size) {
    throw new ArtefactRejectedError('ERR_SIZE_MISMATCH', `${basename(file)}: Größe ${actualSize} statt ${expected.size} Byte – die Datei wurde verändert oder ist unvollständig.`);
  }
  const digest = new DigestTransform(expected.sha512);
  try {
    await pipeline(createReadStream(file), digest, new Writable({ write: (_chunk, _encoding, done) => done() }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_CHECKSUM_MISMATCH') {
      throw new ArtefactRejectedError('ERR_CHECKSUM_MISMATCH', `${basename(file)}: SHA-512 stimmt nicht mit dem Update-Feed überein – die Datei wurde verändert und wird nicht installiert.`);
    }
    throw error;
  }
}

/** Checks every file a feed's metadata lists, in the feed folder. */
export async function verifyFeed(directory: string, metadataFile: string): Promise<UpdateInfo> {
  const info = await readFeedMetadata(join(directory, metadataFile));
  for (const file of info.files) await verifyArtefact(join(directory, file.url), file);
  return info;
}

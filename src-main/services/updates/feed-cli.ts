/**
 * The update feed's metadata from the command line, for the release pipeline and for machines without an
 * Electron binary:
 *
 *   npm run update-feed -- write  --dir dist --version 0.2.0 [--channel latest] [--platform win|linux] <artefact>…
 *   npm run update-feed -- verify --dir dist [--channel latest] [--platform win|linux]
 *
 * `write` hashes the artefacts and writes `latest.yml` (Windows) or `latest-linux.yml` in the format
 * electron-builder writes; `verify` checks every listed artefact against it the way electron-updater does.
 * The folder is what the server serves under /updates (BERATUNGSRAUM_UPDATES_DIR).
 * Exit codes: 0 ok, 1 verification failed or I/O error, 2 bad arguments.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UpdateChannel } from '../../../src-shared/policy/settings.js';
import { FeedPlatform, updateInfoFileName } from '../../../src-shared/policy/update-feed.js';
import { ArtefactRejectedError, verifyFeed, writeFeedMetadata } from './feed-metadata.js';

const USAGE =
  'Aufruf: npm run update-feed -- write --dir <ordner> --version <x.y.z> [--channel latest|beta|alpha] [--platform win|linux] <artefakt>…\n' +
  '        npm run update-feed -- verify --dir <ordner> [--channel …] [--platform …]';

export async function runUpdateFeedCli(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        version: { type: 'string' },
        channel: { type: 'string', default: 'latest' },
        platform: { type: 'string', default: 'win' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...artefacts] = parsed.positionals;
  const channel = UpdateChannel.safeParse(parsed.values.channel);
  const platform = FeedPlatform.safeParse(parsed.values.platform);
  if (!parsed.values.dir || !channel.success || !platform.success || (command !== 'write' && command !== 'verify')) {
    console.error(USAGE);
    return 2;
  }
  const dir = resolve(parsed.values.dir);
  try {
    if (command === 'write') {
      if (!parsed.values.version || artefacts.length === 0) {
        console.error(`write braucht --version und mindestens ein Artefakt.\n${USAGE}`);
        return 2;
      }
      const { file, info } = await writeFeedMetadata(dir, {
        version: parsed.values.version,
        channel: channel.data,
        platform: platform.data,
        // electron-builder marks per-machine NSIS installers (nsis.perMachine in electron-builder.yml).
        artefacts: artefacts.map((artefact) => ({ file: resolve(artefact), isAdminRightsRequired: artefact.endsWith('.exe') })),
      });
      console.log(`${basename(file)} geschrieben: Version ${info.version}, ${info.files.map((f) => f.url).join(', ')}`);
      return 0;
    }
    const info = await verifyFeed(dir, updateInfoFileName(channel.data, platform.data));
    console.log(`Update-Feed geprüft: Version ${info.version}, ${info.files.length} Datei(en) stimmen mit SHA-512 und Größe überein.`);
    return 0;
  } catch (error) {
    if (error instanceof ArtefactRejectedError) {
      console.error(`ABGELEHNT (${error.code}): ${error.message}`);
      return 1;
    }
    console.error(`Fehler: ${(error as Error).message}`);
    return 1;
  }
}

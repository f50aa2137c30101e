/**
 * GET /updates/<file> — the organisation's own update feed for electron-updater's generic provider: the
 * metadata (`latest.yml`, `latest-linux.yml`, …) and the artefacts it names, served from one folder
 * (`BERATUNGSRAUM_UPDATES_DIR`). Without the variable the route is not registered and the server says so.
 *
 * No authentication: installers are not secret, and the laptops' updater has no user token before sign-in.
 * Integrity comes from the SHA-512 in the metadata (checked by electron-updater) and, on Windows, from the
 * installer's code signature. Only plain file names in that one folder are served (no sub-folders, no `..`).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FeedFileName } from '../../src-shared/policy/update-feed.js';
import type { ServerExtension } from '../core.js';
import { HttpError } from '../http/errors.js';

export const UPDATES_PATH = '/updates';
export const UPDATES_DIR_ENV = 'BERATUNGSRAUM_UPDATES_DIR';

const contentType = (name: string) => (name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream');

export function updateFeedExtension(options: { directory: string | undefined }): ServerExtension {
  return {
    name: 'updates',
    setup(core) {
      if (!options.directory) {
        core.log(`Update-Feed ist abgeschaltet: ${UPDATES_DIR_ENV} ist nicht gesetzt.`);
        return {};
      }
      const directory = resolve(options.directory);
      return {
        routes: [
          {
            method: 'GET',
            path: `${UPDATES_PATH}/:file`,
            async handle(ctx) {
              const name = FeedFileName.safeParse(ctx.params.file);
              const notFound = new HttpError(404, 'NOT_FOUND', 'Diese Datei gibt es im Update-Feed nicht.');
              if (!name.success) throw notFound;
              const file = join(directory, name.data);
              const info = await stat(file).catch(() => null);
              if (!info?.isFile()) throw notFound;
              ctx.res.statusCode = 200;
              ctx.res.setHeader('Content-Type', contentType(name.data));
              ctx.res.setHeader('Content-Length', info.size);
              // The metadata must be fresh on every check; the security headers' no-store covers both.
              await pipeline(createReadStream(file), ctx.res);
            },
          },
        ],
      };
    },
  };
}

/** The instance `defaultExtensions` loads: the folder comes from the environment of `npm run server`. */
export const defaultUpdateFeedExtension: ServerExtension = {
  name: 'updates',
  setup: (core) => updateFeedExtension({ directory: process.env[UPDATES_DIR_ENV] }).setup(core),
};

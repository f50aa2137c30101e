import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateInfoFileName } from '../../../src-shared/policy/update-feed.js';
import { ArtefactRejectedError, sha512Base64, verifyArtefact, verifyFeed, writeFeedMetadata } from '../../../src-main/services/updates/feed-metadata.js';
import { runUpdateFeedCli } from '../../../src-main/services/updates/feed-cli.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import { updateFeedExtension } from '../../../src-server/updates/extension.js';
import { electronUpdaterClient } from '../../support/electron-updater-node.js';

let dir: string;
let feedDir: string;
let server: RunningServer;
const INSTALLER = 'Beratungsraum-Setup-0.2.0.exe';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'br-feed-'));
  feedDir = join(dir, 'feed');
  await mkdir(feedDir);
  // Stand-in for an installer: the bytes do not matter, their hash does.
  await writeFile(join(feedDir, INSTALLER), randomBytes(300 * 1024));
  await writeFeedMetadata(feedDir, {
    version: '0.2.0',
    channel: 'latest',
    platform: 'win',
    artefacts: [{ file: join(feedDir, INSTALLER), isAdminRightsRequired: true }],
    releaseDate: new Date('2026-11-23T01:00:00.000Z'),
  });
  server = await startServer({ port: 0, dataDir: join(dir, 'server'), extensions: [updateFeedExtension({ directory: feedDir })], log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('update feed metadata', () => {
  it('has the fields, order and hash electron-builder writes', async () => {
    const text = await readFile(join(feedDir, 'latest.yml'), 'utf8');
    const sha512 = await sha512Base64(join(feedDir, INSTALLER));
    expect(text).toBe(
      [
        'version: 0.2.0',
        'files:',
        `  - url: ${INSTALLER}`,
        `    sha512: ${sha512}`,
        `    size: ${300 * 1024}`,
        '    isAdminRightsRequired: true',
        `path: ${INSTALLER}`,
        `sha512: ${sha512}`,
        "releaseDate: '2026-11-23T01:00:00.000Z'",
        '',
      ].join('\n'),
    );
    expect(load(text)).toMatchObject({ version: '0.2.0', files: [{ url: INSTALLER, size: 300 * 1024 }] });
  });

  it('names the files per channel and platform as electron-builder does', () => {
    expect(updateInfoFileName('latest', 'win')).toBe('latest.yml');
    expect(updateInfoFileName('beta', 'linux')).toBe('beta-linux.yml');
    expect(updateInfoFileName('latest', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(updateInfoFileName('latest', 'mac')).toBe('latest-mac.yml');
  });
});

describe('served by the self-hosted server, read by electron-updater', () => {
  it('electron-updater finds the version and downloads the verified installer', async () => {
    const client = electronUpdaterClient(`${server.url}/updates/`, 'latest', 'win32');
    const info = await client.latest();
    expect(info.version).toBe('0.2.0');
    const target = join(dir, 'download-ok.exe');
    await client.download(info, target);
    expect(await readFile(target)).toEqual(await readFile(join(feedDir, INSTALLER)));
  });

  it('a tampered installer is rejected by electron-updater’s SHA-512 check', async () => {
    const tamperedDir = join(dir, 'tampered');
    await mkdir(tamperedDir);
    await writeFile(join(tamperedDir, INSTALLER), await readFile(join(feedDir, INSTALLER)));
    await writeFile(join(tamperedDir, 'latest.yml'), await readFile(join(feedDir, 'latest.yml')));
    // Same size, one byte changed: only the hash can tell.
    const bytes = await readFile(join(tamperedDir, INSTALLER));
    bytes[1000] = (bytes[1000]! + 1) % 256;
    await writeFile(join(tamperedDir, INSTALLER), bytes);
    const tamperedServer = await startServer({ port: 0, dataDir: join(dir, 'server2'), extensions: [updateFeedExtension({ directory: tamperedDir })], log: () => {} });
    try {
      const client = electronUpdaterClient(`${tamperedServer.url}/updates/`, 'latest', 'win32');
      const info = await client.latest();
      await expect(client.download(info, join(dir, 'download-bad.exe'))).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    } finally {
      await tamperedServer.close();
    }
  });

  it('serves only plain file names from the feed folder', async () => {
    await writeFile(join(dir, 'secret.txt'), 'nicht ausliefern');
    for (const path of ['/updates/..%2Fsecret.txt', '/updates/.hidden', '/updates/nope.yml']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
    }
    const yml = await fetch(`${server.url}/updates/latest.yml`);
    expect(yml.status).toBe(200);
    expect(yml.headers.get('content-type')).toContain('text/yaml');
  });

  it('without a feed folder the route does not exist', async () => {
    const logs: string[] = [];
    const bare = await startServer({ port: 0, dataDir: join(dir, 'server3'), extensions: [updateFeedExtension({ directory: undefined })], log: (m) => logs.push(m) });
    try {
      expect((await fetch(`${bare.url}/updates/latest.yml`)).status).toBe(404);
      expect(logs.join('\n')).toContain('Update-Feed ist abgeschaltet');
    } finally {
      await bare.close();
    }
  });
});

describe('verification step of the build', () => {
  it('accepts the feed as written and rejects a tampered or truncated artefact', async () => {
    const copy = join(dir, 'verify');
    await mkdir(copy);
    await writeFile(join(copy, INSTALLER), await readFile(join(feedDir, INSTALLER)));
    await writeFile(join(copy, 'latest.yml'), await readFile(join(feedDir, 'latest.yml')));
    await expect(verifyFeed(copy, 'latest.yml')).resolves.toMatchObject({ version: '0.2.0' });

    const info = (load(await readFile(join(copy, 'latest.yml'), 'utf8')) as { files: Array<{ sha512: string; size: number }> }).files[0]!;
    const bytes = await readFile(join(copy, INSTALLER));
    bytes[0] = (bytes[0]! + 1) % 256;
    await writeFile(join(copy, INSTALLER), bytes);
    await expect(verifyArtefact(join(copy, INSTALLER), info)).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    await appendFile(join(copy, INSTALLER), 'x');
    await expect(verifyArtefact(join(copy, INSTALLER), info)).rejects.toBeInstanceOf(ArtefactRejectedError);
  });

  it('the command line writes and verifies a Linux feed, exit 1 on tampering', async () => {
    const linux = join(dir, 'linux');
    await mkdir(linux);
    const appImage = join(linux, 'Beratungsraum-0.2.0.AppImage');
    await writeFile(appImage, randomBytes(4096));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runUpdateFeedCli(['write', '--dir', linux, '--version', '0.2.0', '--platform', 'linux', appImage])).toBe(0);
    expect(await readFile(join(linux, 'latest-linux.yml'), 'utf8')).toContain('url: Beratungsraum-0.2.0.AppImage');
    expect(await runUpdateFeedCli(['verify', '--dir', linux, '--platform', 'linux'])).toBe(0);
    await writeFile(appImage, randomBytes(4096));
    expect(await runUpdateFeedCli(['verify', '--dir', linux, '--platform', 'linux'])).toBe(1);
    expect(errors.mock.calls.join('\n')).toContain('ERR_CHECKSUM_MISMATCH');
    expect(await runUpdateFeedCli(['publish', '--dir', linux])).toBe(2);
    vi.restoreAllMocks();
  });
});

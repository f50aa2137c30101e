/**
 * A real full disk: a 2 MiB tmpfs in a private mount namespace (`unshare --user --map-root-user --mount`,
 * util-linux), no root and no mock. Saving fails with the named DiskFullError; nothing saved before is lost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from './fixtures/bundle.js';

const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']);
const namespacesAllowed = probe.status === 0;

let dir: string;
let filler: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'br-diskfull-'));
  filler = await bundleFixture('disk-filler');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(filler, { force: true });
});

describe('disk full', () => {
  // Some hardened kernels (e.g. Ubuntu's apparmor_restrict_unprivileged_userns) forbid user namespaces.
  it.skipIf(!namespacesAllowed)('fails the save with DiskFullError and keeps every earlier note', () => {
    const script = `mount -t tmpfs -o size=2m tmpfs "$STORE_DIR" && exec "${process.execPath}" "${filler}"`;
    const run = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], {
      env: { ...process.env, STORE_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({ isDiskFullError: true, allPresent: true, integrity: 'ok' });
    expect(result.message).toMatch(/Datenträger ist voll/);
    expect(result.saved).toBeGreaterThan(20);
    expect(result.afterReopen).toBe(result.saved);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src-server/config.js';
import { startServer } from '../../../src-server/server.js';
import { hashPassword } from '../../../src-server/auth/passwords.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'server-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('server config', () => {
  it('gives the embedded default without any source', () => {
    const config = loadConfig();
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 8470, hsts: false });
    expect(config.storage.dataDir).toBe('server-data');
    expect(config.demo.enabled).toBe(false);
    expect(config.auth.oidc).toBeUndefined();
  });

  it('layers file < environment < overrides', () => {
    const file = join(dir, 'server.json');
    writeFileSync(file, JSON.stringify({ http: { port: 9000, host: '127.0.0.2' }, storage: { dataDir: '/var/lib/br' }, auth: { sessionTtlMinutes: 60 } }));
    const config = loadConfig({
      env: { BERATUNGSRAUM_SERVER_CONFIG: file, BERATUNGSRAUM_PORT: '9100', BERATUNGSRAUM_HSTS: 'true' },
      overrides: { http: { port: 0 } },
    });
    expect(config.http).toMatchObject({ host: '127.0.0.2', port: 0, hsts: true });
    expect(config.storage.dataDir).toBe('/var/lib/br');
    expect(config.auth.sessionTtlMinutes).toBe(60);
  });

  it('explains what is wrong in German, naming the key', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ http: { port: 'achtzig' }, auth: { oidc: { issuer: 'x', audience: 'y' } } }));
    expect(() => loadConfig({ file })).toThrow(ConfigError);
    expect(() => loadConfig({ file })).toThrow(/http\.port.*falschen Typ/);
    expect(() => loadConfig({ file })).toThrow(/jwksUrl/);
    expect(() => loadConfig({ env: { BERATUNGSRAUM_PORT: 'acht' } })).toThrow(/BERATUNGSRAUM_PORT/);
    expect(() => loadConfig({ file: join(dir, 'fehlt.json') })).toThrow(/nicht lesbar/);
    writeFileSync(join(dir, 'broken.json'), '{ http: ');
    expect(() => loadConfig({ file: join(dir, 'broken.json') })).toThrow(/kein gültiges JSON/);
  });

  it('refuses demo accounts on a host reachable from outside', async () => {
    await expect(startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'data'), demoData: true, extensions: [], log: () => {} })).rejects.toThrow(
      /Demo-Daten nur auf Loopback/,
    );
  });
});

describe('documented example and configured accounts', () => {
  it('the example config in src-server validates', () => {
    const config = loadConfig({ file: 'src-server/server.example.json' });
    expect(config.http.publicUrl).toBe('https://video.agentur.example');
    expect(config.auth.oidc?.jwksUrl).toMatch(/^https:/);
    expect(config.auth.accounts).toHaveLength(1);
  });

  it('logs in an account from the config file with its scrypt hash, and no more once it is removed', async () => {
    const account = {
      id: 'u-cfg',
      username: 'konfiguriert',
      displayName: 'Konfiguriertes Konto',
      role: 'counsellor' as const,
      fachdienst: 'Reha' as const,
      region: 'AA Bonn',
      passwordHash: await hashPassword('ein langes Passwort'),
    };
    const server = await startServer({ port: 0, dataDir: join(dir, 'accounts'), extensions: [], log: () => {}, config: { auth: { accounts: [account] } } });
    try {
      const login = (password: string) =>
        fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'konfiguriert', password }) });
      expect((await login('ein langes Passwort')).status).toBe(200);
      expect((await login('ein falsches Passwort')).status).toBe(401);
    } finally {
      await server.close();
    }
    // Removed from the config: the account stops working, on the same data.
    const again = await startServer({ port: 0, dataDir: join(dir, 'accounts'), extensions: [], log: () => {} });
    try {
      const reply = await fetch(`${again.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'konfiguriert', password: 'ein langes Passwort' }),
      });
      expect(reply.status).toBe(401);
    } finally {
      await again.close();
    }
  });
});

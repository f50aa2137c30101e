/**
 * `npm run server`: starts the server with the embedded default (SQLite, demo data, loopback) unless the config
 * says otherwise, prints the URL and the demo accounts, and stops cleanly on SIGINT/SIGTERM.
 *
 *   npm run server                              embedded default on http://127.0.0.1:8470 with demo data
 *   npm run server -- --config server.json      settings from a file (or BERATUNGSRAUM_SERVER_CONFIG)
 *   npm run server -- --no-demo                 without demo data
 *   npm run server -- hash-password             reads a password from stdin, prints its scrypt hash
 */
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/passwords.js';
import { ConfigError } from './config.js';
import { startServer } from './server.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { config: { type: 'string' }, 'no-demo': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals[0] === 'hash-password') {
    const password = await readStdin();
    if (password.length < 12) throw new ConfigError('Das Passwort ist kürzer als 12 Zeichen. Wählen Sie ein längeres.');
    console.log(await hashPassword(password));
    return;
  }
  if (positionals.length > 0) throw new ConfigError(`Unbekannter Befehl "${positionals[0]}". Erlaubt: hash-password.`);

  const configFile = values.config ?? process.env.BERATUNGSRAUM_SERVER_CONFIG;
  // Without any config the embedded default runs with demo data; a config file decides for itself.
  const demoDefault = configFile === undefined && process.env.BERATUNGSRAUM_DEMO === undefined && !values['no-demo'];
  const server = await startServer({
    configFile,
    env: process.env,
    ...(values['no-demo'] ? { demoData: false } : demoDefault ? { demoData: true } : {}),
    log: (message) => console.error(`[server] ${message}`),
  });
  console.log(`Beratungsraum-Server läuft: ${server.url}  (API: ${server.url}/api/v1, Daten: ${server.config.storage.dataDir})`);
  if (server.demoAccounts.length > 0) {
    console.log('Demo-Konten (nur für die Erprobung auf diesem Rechner):');
    for (const account of server.demoAccounts) {
      const role = account.role === 'counsellor' ? `Beratung ${account.fachdienst}` : account.role === 'team_lead' ? 'Teamleitung' : 'IT-Support';
      console.log(`  ${account.username.padEnd(12)} Passwort ${account.password.padEnd(18)} ${role.padEnd(14)} ${account.displayName}, ${account.region}`);
    }
  }
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

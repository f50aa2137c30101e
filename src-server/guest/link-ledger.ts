/**
 * Server-side state of guest links: uses, revocation, consents. The link itself is a signed token (links.ts);
 * the ledger is what makes single/bounded use and revocation hold. `FileLinkLedger` keeps it across restarts of
 * the embedded single-process server; `RedisLinkLedger` shares it between processes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redis } from 'ioredis';

export interface LinkRecord {
  linkId: string;
  appointmentId: string;
  role: string;
  expiresAt: string;
  maxUses: number;
  createdBy: string;
}

/** A consent given on the guest page, kept with its link (for every role; the customer's also on the appointment). */
export interface GuestConsent {
  consentId: string;
  givenAt: string;
  textVersion: string;
}

export type ConsumeOutcome = 'ok' | 'used' | 'revoked' | 'unknown';

export interface LinkLedger {
  register(record: LinkRecord): Promise<void>;
  get(linkId: string): Promise<(LinkRecord & { uses: number; revoked: boolean }) | null>;
  /** Atomically count one use, unless revoked or used up. */
  consume(linkId: string): Promise<ConsumeOutcome>;
  revoke(linkId: string): Promise<boolean>;
  addConsent(linkId: string, consent: GuestConsent): Promise<void>;
  hasConsent(linkId: string, consentId: string): Promise<boolean>;
  close(): Promise<void>;
}

interface FileState {
  links: Record<string, LinkRecord & { uses: number; revoked: boolean; consents: GuestConsent[] }>;
}

/** One JSON file, rewritten atomically on every change; links past expiry are dropped when it is written. */
export class FileLinkLedger implements LinkLedger {
  private state: FileState = { links: {} };

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      this.state = JSON.parse(readFileSync(file, 'utf8')) as FileState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} konnte nicht gelesen werden: ${(error as Error).message}`);
    }
  }

  private persist(): void {
    const now = Date.now();
    for (const [id, link] of Object.entries(this.state.links)) if (Date.parse(link.expiresAt) < now) delete this.state.links[id];
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.file}.tmp`, this.file);
  }

  async register(record: LinkRecord): Promise<void> {
    this.state.links[record.linkId] = { ...record, uses: 0, revoked: false, consents: [] };
    this.persist();
  }

  async get(linkId: string) {
    const link = this.state.links[linkId];
    return link ? { linkId: link.linkId, appointmentId: link.appointmentId, role: link.role, expiresAt: link.expiresAt, maxUses: link.maxUses, createdBy: link.createdBy, uses: link.uses, revoked: link.revoked } : null;
  }

  async consume(linkId: string): Promise<ConsumeOutcome> {
    const link = this.state.links[linkId];
    if (!link) return 'unknown';
    if (link.revoked) return 'revoked';
    if (link.uses >= link.maxUses) return 'used';
    link.uses += 1;
    this.persist();
    return 'ok';
  }

  async revoke(linkId: string): Promise<boolean> {
    const link = this.state.links[linkId];
    if (!link) return false;
    link.revoked = true;
    this.persist();
    return true;
  }

  async addConsent(linkId: string, consent: GuestConsent): Promise<void> {
    const link = this.state.links[linkId];
    if (!link) return;
    link.consents = [...link.consents.slice(-19), consent];
    this.persist();
  }

  async hasConsent(linkId: string, consentId: string): Promise<boolean> {
    return this.state.links[linkId]?.consents.some((c) => c.consentId === consentId) ?? false;
  }

  async close(): Promise<void> {}
}

const CONSUME = `
local max = redis.call('HGET', KEYS[1], 'maxUses')
if not max then return 'unknown' end
if redis.call('HGET', KEYS[1], 'revoked') == '1' then return 'revoked' end
if tonumber(redis.call('HGET', KEYS[1], 'uses')) >= tonumber(max) then return 'used' end
redis.call('HINCRBY', KEYS[1], 'uses', 1)
return 'ok'
`;

export class RedisLinkLedger implements LinkLedger {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'br:link:') {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
  }

  private key(linkId: string) {
    return `${this.prefix}${linkId}`;
  }

  async register(record: LinkRecord): Promise<void> {
    const ttl = Math.max(60, Math.ceil((Date.parse(record.expiresAt) - Date.now()) / 1000) + 3600);
    await this.redis.multi().hset(this.key(record.linkId), { ...record, uses: 0, revoked: 0 }).expire(this.key(record.linkId), ttl).exec();
  }

  async get(linkId: string) {
    const h = await this.redis.hgetall(this.key(linkId));
    if (!h.linkId) return null;
    return {
      linkId: h.linkId,
      appointmentId: h.appointmentId ?? '',
      role: h.role ?? '',
      expiresAt: h.expiresAt ?? '',
      maxUses: Number(h.maxUses),
      createdBy: h.createdBy ?? '',
      uses: Number(h.uses),
      revoked: h.revoked === '1',
    };
  }

  async consume(linkId: string): Promise<ConsumeOutcome> {
    return (await this.redis.eval(CONSUME, 1, this.key(linkId))) as ConsumeOutcome;
  }

  async revoke(linkId: string): Promise<boolean> {
    // HSET on a missing key would create a half record; only mark links that exist.
    const exists = await this.redis.hexists(this.key(linkId), 'linkId');
    if (!exists) return false;
    await this.redis.hset(this.key(linkId), 'revoked', 1);
    return true;
  }

  async addConsent(linkId: string, consent: GuestConsent): Promise<void> {
    const key = `${this.key(linkId)}:consents`;
    await this.redis.multi().hset(key, consent.consentId, JSON.stringify(consent)).expire(key, 15 * 24 * 3600).exec();
  }

  async hasConsent(linkId: string, consentId: string): Promise<boolean> {
    return (await this.redis.hexists(`${this.key(linkId)}:consents`, consentId)) === 1;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

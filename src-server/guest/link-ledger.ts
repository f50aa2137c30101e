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
  /** Absent on links issued before these were recorded. */
  createdAt?: string;
  /** The appointment's start and end when the link was issued: a moved appointment's links stop working. */
  slotStart?: string;
  slotEnd?: string;
}

/** A link as the ledger knows it now. */
export interface LedgerEntry extends LinkRecord {
  uses: number;
  revoked: boolean;
  /** When the guest page first checked the link, or null. */
  openedAt: string | null;
  consents: number;
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
  get(linkId: string): Promise<LedgerEntry | null>;
  /** The links of one appointment, oldest first. */
  list(appointmentId: string): Promise<LedgerEntry[]>;
  /** Notes the first time the guest page checked the link (kept once set). */
  markOpened(linkId: string, at: string): Promise<void>;
  /** Atomically count one use, unless revoked or used up. */
  consume(linkId: string): Promise<ConsumeOutcome>;
  revoke(linkId: string): Promise<boolean>;
  addConsent(linkId: string, consent: GuestConsent): Promise<void>;
  hasConsent(linkId: string, consentId: string): Promise<boolean>;
  close(): Promise<void>;
}

interface FileState {
  links: Record<string, LinkRecord & { uses: number; revoked: boolean; openedAt?: string; consents: GuestConsent[] }>;
}

const KEPT_AFTER_EXPIRY_MS = 3600_000;

const byCreation = (a: LedgerEntry, b: LedgerEntry): number => (a.createdAt ?? '').localeCompare(b.createdAt ?? '');

/**
 * One JSON file, rewritten atomically on every change; a link is dropped when the file is written an hour after
 * its expiry (as the Redis ledger's keys expire), so the counsellor's list still shows it as expired meanwhile.
 */
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
    for (const [id, link] of Object.entries(this.state.links)) if (Date.parse(link.expiresAt) + KEPT_AFTER_EXPIRY_MS < now) delete this.state.links[id];
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.file}.tmp`, this.file);
  }

  async register(record: LinkRecord): Promise<void> {
    this.state.links[record.linkId] = { ...record, uses: 0, revoked: false, consents: [] };
    this.persist();
  }

  async get(linkId: string): Promise<LedgerEntry | null> {
    // Own properties only: a link id such as `__proto__` must not find Object.prototype.
    if (!Object.prototype.hasOwnProperty.call(this.state.links, linkId)) return null;
    const { consents, openedAt, ...link } = this.state.links[linkId]!;
    return { ...link, openedAt: openedAt ?? null, consents: consents.length };
  }

  async list(appointmentId: string): Promise<LedgerEntry[]> {
    const ids = Object.values(this.state.links).filter((link) => link.appointmentId === appointmentId).map((link) => link.linkId);
    const entries = await Promise.all(ids.map((id) => this.get(id)));
    return entries.filter((entry): entry is LedgerEntry => entry !== null).sort(byCreation);
  }

  async markOpened(linkId: string, at: string): Promise<void> {
    const link = (await this.get(linkId)) ? this.state.links[linkId] : undefined;
    if (!link || link.openedAt) return;
    link.openedAt = at;
    this.persist();
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

/** Set a field once, on a link that exists (HSETNX alone would create a half record for an unknown id). */
const MARK_ONCE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
`;

export class RedisLinkLedger implements LinkLedger {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'br:link:') {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
  }

  private key(linkId: string) {
    return `${this.prefix}${linkId}`;
  }

  private appointmentKey(appointmentId: string) {
    return `${this.prefix}appointment:${appointmentId}`;
  }

  async register(record: LinkRecord): Promise<void> {
    const ttl = Math.max(60, Math.ceil((Date.parse(record.expiresAt) - Date.now() + KEPT_AFTER_EXPIRY_MS) / 1000));
    const index = this.appointmentKey(record.appointmentId);
    const fields = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
    const ttlOfIndex = Math.max(ttl, await this.redis.ttl(index));
    await this.redis
      .multi()
      .hset(this.key(record.linkId), { ...fields, uses: 0, revoked: 0 })
      .expire(this.key(record.linkId), ttl)
      .sadd(index, record.linkId)
      .expire(index, ttlOfIndex)
      .exec();
  }

  async get(linkId: string): Promise<LedgerEntry | null> {
    const [[, h], [, consents]] = (await this.redis.multi().hgetall(this.key(linkId)).hlen(`${this.key(linkId)}:consents`).exec()) as [[unknown, Record<string, string>], [unknown, number]];
    if (!h.linkId) return null;
    return {
      linkId: h.linkId,
      appointmentId: h.appointmentId ?? '',
      role: h.role ?? '',
      expiresAt: h.expiresAt ?? '',
      maxUses: Number(h.maxUses),
      createdBy: h.createdBy ?? '',
      ...(h.createdAt ? { createdAt: h.createdAt } : {}),
      ...(h.slotStart ? { slotStart: h.slotStart } : {}),
      ...(h.slotEnd ? { slotEnd: h.slotEnd } : {}),
      uses: Number(h.uses),
      revoked: h.revoked === '1',
      openedAt: h.openedAt ?? null,
      consents,
    };
  }

  async list(appointmentId: string): Promise<LedgerEntry[]> {
    const ids = await this.redis.smembers(this.appointmentKey(appointmentId));
    const entries = await Promise.all(ids.map((id) => this.get(id)));
    return entries.filter((entry): entry is LedgerEntry => entry !== null && entry.appointmentId === appointmentId).sort(byCreation);
  }

  async markOpened(linkId: string, at: string): Promise<void> {
    await this.redis.eval(MARK_ONCE, 1, this.key(linkId), 'openedAt', at);
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

/**
 * What the server's parts share: handed to the core API routes and to every extension (signalling, guest
 * links, TURN, review export), so none of them opens its own store or checks tokens its own way.
 */
import type { ServerConfig } from '../src-shared/http/server-config.js';
import type { Auditor } from './access/audit.js';
import type { AccessPolicy } from './access/policy.js';
import type { Authenticator } from './auth/authenticator.js';
import type { Repository } from './storage/repository.js';

export interface ServerCore {
  readonly config: ServerConfig;
  readonly repository: Repository;
  readonly auth: Authenticator;
  readonly access: AccessPolicy;
  readonly audit: Auditor;
  readonly log: (message: string) => void;
  /** The server's public base URL (config `http.publicUrl`, else the listening address); known once listening. */
  publicUrl(): string;
}

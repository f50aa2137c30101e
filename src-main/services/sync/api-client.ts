/**
 * The back office's HTTP client for the server API in src-shared/http/sync-api.ts (the sync engine's calls), the
 * review export of src-shared/http/review-api.ts and the guest links of src-shared/signalling/guest-api.ts
 * (inviting from the app). Every reply body is validated with the shared schema; every failure becomes a
 * `SyncApiError` with a stable code.
 */
import type { z } from 'zod';
import { ReviewExportReply, type ReviewExportRequest } from '../../../src-shared/http/review-api.js';
import { serverEndpoint } from '../../../src-shared/http/server-endpoint.js';
import {
  API_PREFIX,
  ApiError,
  AppointmentFeedReply,
  LoginReply,
  NotesReply,
  OpsReply,
  type LoginRequest,
  type Operation,
} from '../../../src-shared/http/sync-api.js';
import { CreateGuestLinkReply, GuestLinkInfo, GuestLinkList, type CreateGuestLinkRequest } from '../../../src-shared/signalling/guest-api.js';

const REQUEST_TIMEOUT_MS = 20_000;

export class SyncApiError extends Error {
  override readonly name = 'SyncApiError';
  constructor(
    /** `SERVER_UNREACHABLE`, `SERVER_ERROR`, `INVALID_REPLY`, `HTTP_<status>`, or the server's own error code. */
    readonly code: string,
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }

  /** Whether trying again later can help (network, server overload) as opposed to a refusal. */
  get retryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export interface FeedWindow {
  readonly since?: string;
  readonly from: string;
  readonly to: string;
}

export interface SyncApi {
  login(request: z.input<typeof LoginRequest>): Promise<z.infer<typeof LoginReply>>;
  /** Spends a refresh token for a new pair (`LoginReply`); 401 when the sign-in has ended. */
  refresh(refreshToken: string): Promise<z.infer<typeof LoginReply>>;
  /** Ends the sign-in on the server: the session token and every refresh token of it. */
  logout(refreshToken: string): Promise<void>;
  /** Whether the server answers at all (no sign-in needed); throws `SyncApiError` when it does not. */
  health(timeoutMs: number): Promise<void>;
  appointments(token: string, window: FeedWindow): Promise<AppointmentFeedReply>;
  /** Every version of the notes of one appointment (to show both sides of a conflict). */
  notes(token: string, appointmentId: string): Promise<NotesReply>;
  sendOps(token: string, ops: readonly Operation[]): Promise<OpsReply>;
  /** The pseudonymised VKB sample of the team lead's region (POST review/export). */
  reviewExport(token: string, request: ReviewExportRequest): Promise<ReviewExportReply>;
  guestLinks(token: string, appointmentId: string): Promise<GuestLinkList>;
  createGuestLink(token: string, request: CreateGuestLinkRequest): Promise<CreateGuestLinkReply>;
  revokeGuestLink(token: string, linkId: string): Promise<GuestLinkInfo>;
}

export function createSyncApi(serverUrl: string, fetchImpl: typeof fetch = fetch): SyncApi {
  const base = new URL(serverEndpoint(serverUrl, `${API_PREFIX}/`));

  async function request<T>(
    schema: z.ZodType<T> | null,
    path: string,
    init: RequestInit & { token?: string; query?: Readonly<Record<string, string | undefined>>; timeoutMs?: number },
  ): Promise<T> {
    const url = new URL(path, base);
    if (init.query) {
      for (const [name, value] of Object.entries(init.query)) if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const { timeoutMs = REQUEST_TIMEOUT_MS, token: _token, query: _query, ...fetchInit } = init;
    let response: Response;
    try {
      response = await fetchImpl(url, { ...fetchInit, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new SyncApiError(
        'SERVER_UNREACHABLE',
        `Der Server ist nicht erreichbar (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}). Ihre Änderungen bleiben gespeichert und werden später übertragen.`,
        null,
      );
    }
    let body: unknown;
    try {
      body = response.status === 204 ? undefined : await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const apiError = ApiError.safeParse(body);
      const code = apiError.success ? apiError.data.error.code : response.status >= 500 ? 'SERVER_ERROR' : `HTTP_${response.status}`;
      const message = apiError.success
        ? apiError.data.error.message
        : response.status >= 500
          ? `Der Server meldet einen Fehler (HTTP ${response.status}). Es wird später erneut versucht.`
          : `Der Server hat die Anfrage abgelehnt (HTTP ${response.status}).`;
      throw new SyncApiError(code, message, response.status);
    }
    if (schema === null) return undefined as T;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new SyncApiError('INVALID_REPLY', `Der Server hat eine unerwartete Antwort auf ${path} geschickt; bitte IT-Support informieren.`, response.status);
    }
    return parsed.data;
  }

  return {
    login: (credentials) => request(LoginReply, 'auth/login', { method: 'POST', body: JSON.stringify(credentials) }),
    refresh: (refreshToken) => request(LoginReply, 'auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken }) }),
    health: (timeoutMs) => request<undefined>(null, 'health', { method: 'GET', timeoutMs }),
    logout: (refreshToken) => request<undefined>(null, 'auth/logout', { method: 'POST', body: JSON.stringify({ refreshToken }) }),
    appointments: (token, window) => request(AppointmentFeedReply, 'appointments', { method: 'GET', token, query: { ...window } }),
    notes: (token, appointmentId) => request(NotesReply, 'notes', { method: 'GET', token, query: { appointmentId } }),
    sendOps: (token, ops) => request(OpsReply, 'ops', { method: 'POST', token, body: JSON.stringify({ ops }) }),
    reviewExport: (token, body) => request(ReviewExportReply, 'review/export', { method: 'POST', token, body: JSON.stringify(body) }),
    guestLinks: (token, appointmentId) => request(GuestLinkList, 'guest-links', { method: 'GET', token, query: { appointmentId } }),
    createGuestLink: (token, body) => request(CreateGuestLinkReply, 'guest-links', { method: 'POST', token, body: JSON.stringify(body) }),
    revokeGuestLink: (token, linkId) => request(GuestLinkInfo, `guest-links/${encodeURIComponent(linkId)}`, { method: 'DELETE', token }),
  };
}

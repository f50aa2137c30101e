/**
 * The one contract between the renderer and the back office (main process or web-shell host).
 * Each feature contributes its methods and events in `features/`; this file only joins them.
 * Main implements every method (the router's handler table is exhaustive by type), the preload and the
 * web-shell client expose exactly these names, and both sides validate with these schemas.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './features/app.js';
import { sessionEvents, sessionMethods } from './features/session.js';
import { localDataEvents, localDataMethods } from './features/local-data.js';
import { rolloutEvents, rolloutMethods } from './features/rollout.js';
import { readinessEvents, readinessMethods } from './features/readiness.js';
import { serverSessionEvents, serverSessionMethods } from './features/server-session.js';
import { waitingEvents, waitingMethods } from './features/waiting.js';
import { reviewEvents, reviewMethods } from './features/review.js';
import { invitationEvents, invitationMethods } from './features/invitations.js';

export const methods = {
  ...appMethods,
  ...localDataMethods,
  ...sessionMethods,
  ...rolloutMethods,
  ...readinessMethods,
  ...serverSessionMethods,
  ...waitingMethods,
  ...reviewMethods,
  ...invitationMethods,
} as const;

export const events = {
  ...appEvents,
  ...localDataEvents,
  ...sessionEvents,
  ...rolloutEvents,
  ...readinessEvents,
  ...serverSessionEvents,
  ...waitingEvents,
  ...reviewEvents,
  ...invitationEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ReplyOf<M extends MethodName> = z.output<Methods[M]['reply']>;
export type EventPayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** Electron IPC channel names carry a prefix so that no contract name can collide with Electron's own. */
export const ipcChannel = (name: MethodName): string => `br:call:${name}`;
export const ipcEventChannel = (name: EventName): string => `br:event:${name}`;

/**
 * The API the renderer sees, whichever shell serves it: `window.beratungsraum` from the preload, or the
 * web-shell client. One function per contract method, one subscription per event, nothing else.
 */
export interface BeratungsraumBridge {
  readonly call: { readonly [M in MethodName]: (request: RequestOf<M>) => Promise<ReplyOf<M>> };
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}

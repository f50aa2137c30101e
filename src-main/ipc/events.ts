/**
 * Typed events from the back office to the renderer. Services emit; each transport subscribes once and
 * forwards to its windows or sockets. Payloads are validated on emit, so a bug shows up where it is made.
 */
import { events, type EventName, type EventPayloadOf } from '../../src-shared/ipc/contract.js';

export type EventSink = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayloadOf<E>): void;
  /** Adds a transport; returns a function that removes it. */
  attach(sink: EventSink): () => void;
}

export function createEventBus(): EventBus {
  const sinks = new Set<EventSink>();
  return {
    emit(name, payload) {
      const parsed = events[name].payload.parse(payload);
      for (const sink of sinks) sink(name, parsed);
    },
    attach(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

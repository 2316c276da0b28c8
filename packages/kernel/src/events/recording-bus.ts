import type { ModuleSubscriber } from '../module-registry/registry';
import type { DomainEvent } from './outbox';

export interface RecordingBus {
  /** Register it with `OutboxDispatcher.subscribe`. */
  subscriber: ModuleSubscriber;
  /** Events received, in delivery order. */
  events: DomainEvent[];
  /** Names of the events received. */
  names(): string[];
  clear(): void;
}

/** A subscriber that keeps what it receives: tests assert on the events a change produced. */
export function createRecordingBus(events: string[] = ['*'], name = 'test.recording_bus'): RecordingBus {
  const received: DomainEvent[] = [];
  return {
    subscriber: {
      name,
      events,
      async handle(_ctx, event) {
        received.push(event);
      },
    },
    events: received,
    names: () => received.map((e) => e.event),
    clear: () => {
      received.length = 0;
    },
  };
}

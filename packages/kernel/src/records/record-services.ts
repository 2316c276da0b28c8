import type { Context } from '../context';

/** A likely duplicate as a record service reports it (the customers module's duplicate check shape). */
export interface RecordDuplicateMatch {
  id: string | null;
  title: string;
  accessible: boolean;
  reasons: string[];
  score: number;
  ownerName: string | null;
}

/**
 * What a module offers other modules for one of its objects: create records through its own
 * use case (validation, audit, events) and check an input for duplicates. Both run in the
 * caller's transaction when the context carries one, so a cross-module flow stays atomic.
 */
export interface RecordService {
  create(ctx: Context, input: Record<string, unknown>): Promise<Record<string, unknown> & { id: string }>;
  checkDuplicates(ctx: Context, input: Record<string, unknown>): Promise<{ matches: RecordDuplicateMatch[] }>;
}

const services = new Map<string, RecordService>();

/** Registers the service behind an object ('account', 'contact'…); the owning module calls it once. */
export function registerRecordService(object: string, service: RecordService): void {
  services.set(object, service);
}

/** The service of an object, or undefined when no module registered one (module missing). */
export function recordService(object: string): RecordService | undefined {
  return services.get(object);
}

import type { FastifyInstance } from 'fastify';
import type { Locale } from '../i18n/locales';
import type { DomainEvent } from '../events/outbox';
import type { SystemContext } from '../context';
import type { ScopedTable } from '../permissions/data-scope';
import type { JobDefinition } from '../jobs/define-job';
import type { SearchProvider } from '../search/global-search';
import { registerWorkflowDeclarations, type WorkflowDeclarations } from '../automation/catalog';

export interface ModuleSubscriber {
  /** Unique name, used to record deliveries: `<module>.<what>`. */
  name: string;
  /** Event names it handles. */
  events: string[];
  handle(ctx: SystemContext, event: DomainEvent): Promise<void>;
  /**
   * Optional: handles many events of one workspace in one transaction (the dispatcher claims
   * their delivery rows in bulk and passes only the ones not handled before). When it throws,
   * the dispatcher falls back to `handle` for each event, so one bad event does not hold up the rest.
   */
  handleBatch?(ctx: SystemContext, events: DomainEvent[]): Promise<void>;
  /**
   * Job queues to wake once a round of this subscriber's deliveries has committed (e.g. the
   * workflow engine after starting runs), so their work starts now rather than at their next sweep.
   */
  wakes?: string[];
  /** The module it belongs to, set by the registry's owner; a switched-off module's subscribers do not run. */
  module?: string;
}

export interface ModuleNavItem {
  key: string;
  path: string;
  labels: Record<Locale, string>;
  icon?: string;
  /** Shown only to members with this capability (the page itself checks it too). */
  capability?: string;
}

export interface ModuleDefinition {
  key: string;
  labels: Record<Locale, string>;
  descriptions?: Record<Locale, string>;
  dependsOn?: string[];
  /** Platform modules cannot be switched off. */
  core?: boolean;
  /** Enabled in a new workspace unless switched off. */
  enabledByDefault?: boolean;
  /** Objects the module owns, for roles, custom fields and sharing. */
  objects?: Array<{
    key: string;
    labels: Record<Locale, string>;
    fields?: Array<{ key: string; labels: Record<Locale, string>; sensitive?: boolean }>;
    /** The object's record table; set it to make the object's records shareable (P4). */
    table?: ScopedTable;
  }>;
  /** Fastify plugin registering the module's routes under /api/v1. */
  routes?: (app: FastifyInstance) => Promise<void> | void;
  subscribers?: ModuleSubscriber[];
  /** Record types the module adds to the global search box (P9), in the order their groups show. */
  searchProviders?: SearchProvider[];
  /** Queued or scheduled work the module declares (`defineJob`). Workers run them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs?: Array<JobDefinition<any>>;
  nav?: ModuleNavItem[];
  /** Record kinds, actions and events the module offers the workflow engine (A1). */
  automation?: WorkflowDeclarations;
  /** A module's read-only interface for other modules. */
  publicApi?: unknown;
}

export function defineModule<T extends ModuleDefinition>(definition: T): T {
  return definition;
}

/** Holds the modules of this build, checked for unknown or cyclic dependencies. */
export class ModuleRegistry {
  private readonly modules = new Map<string, ModuleDefinition>();

  register(definition: ModuleDefinition): void {
    if (this.modules.has(definition.key)) throw new Error(`Module ${definition.key} is registered twice`);
    this.modules.set(definition.key, definition);
    if (definition.automation) registerWorkflowDeclarations(definition.key, definition.automation);
  }

  /** Validates dependencies and returns modules in dependency order. */
  ordered(): ModuleDefinition[] {
    const result: ModuleDefinition[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (key: string, path: string[]) => {
      const mod = this.modules.get(key);
      if (!mod) throw new Error(`Module ${path.at(-1)} depends on unknown module ${key}`);
      if (state.get(key) === 'done') return;
      if (state.get(key) === 'visiting') throw new Error(`Module dependency cycle: ${[...path, key].join(' → ')}`);
      state.set(key, 'visiting');
      for (const dep of mod.dependsOn ?? []) visit(dep, [...path, key]);
      state.set(key, 'done');
      result.push(mod);
    };
    for (const key of this.modules.keys()) visit(key, []);
    return result;
  }

  get(key: string): ModuleDefinition | undefined {
    return this.modules.get(key);
  }

  all(): ModuleDefinition[] {
    return [...this.modules.values()];
  }

  /** Modules that depend on `key`, directly or not. */
  dependents(key: string): string[] {
    return this.all().filter((m) => this.dependsTransitively(m.key, key)).map((m) => m.key);
  }

  private dependsTransitively(from: string, on: string, seen = new Set<string>()): boolean {
    const mod = this.modules.get(from);
    if (!mod || seen.has(from)) return false;
    seen.add(from);
    return (mod.dependsOn ?? []).some((d) => d === on || this.dependsTransitively(d, on, seen));
  }

  /** The public interface of another module, looked up at run time. */
  publicApi<T>(key: string): T | undefined {
    return this.modules.get(key)?.publicApi as T | undefined;
  }
}

import { ModuleRegistry } from '@voyage/kernel';

/** The modules of this build, in one place. Each module package exports its definition. */
export function createRegistry(): ModuleRegistry {
  const registry = new ModuleRegistry();
  registry.ordered(); // fails fast on unknown or cyclic dependencies
  return registry;
}

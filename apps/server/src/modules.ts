import { ModuleRegistry } from '@voyage/kernel';
import { customersModule } from '@voyage/customers';
import { salesModule } from '@voyage/sales';
import { automationModule } from '@voyage/automation';

/** The modules of this build, in one place. Each module package exports its definition. */
export function createRegistry(): ModuleRegistry {
  const registry = new ModuleRegistry();
  registry.register(customersModule);
  registry.register(salesModule);
  registry.register(automationModule);
  registry.ordered(); // fails fast on unknown or cyclic dependencies
  return registry;
}

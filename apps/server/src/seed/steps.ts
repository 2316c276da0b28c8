import type { Database, Env } from '@voyage/kernel';
import { seedDemoCustomers } from '@voyage/customers/src/public';
import { seedDemoProducts } from '@voyage/sales/src/demo/seed-demo-products';
import { seedDemoDeals } from '@voyage/sales/src/demo/seed-demo-deals';
import type { Services } from '../services';

/** What every demo seed step receives: the demo workspace and who is in it. */
export interface DemoSeedContext {
  env: Env;
  database: Database;
  services: Services;
  workspaceId: string;
  adminUserId: string;
  /** Role ids by key: admin, manager, rep, viewer. */
  roleIds: Record<string, string>;
  /** Department ids by DEMO_DEPARTMENTS key. */
  departmentIds: Record<string, string>;
  /** User ids by DEMO_PEOPLE key. */
  userIds: Record<string, string>;
}

export interface DemoSeedStep {
  /** Unique, `<module>.<what>`, e.g. `customers.accounts`. */
  key: string;
  /** Must be deterministic: the same data on every fresh database. */
  run(ctx: DemoSeedContext): Promise<void>;
}

/**
 * Demo data added after the organisation, in this order. A module that wants demo records
 * (accounts, deals, tickets…) appends its step here; each runs once, on a fresh database.
 */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [
  { key: 'customers.demo', run: seedDemoCustomers },
  { key: 'sales.products.demo', run: seedDemoProducts },
  { key: 'sales.deals.demo', run: seedDemoDeals },
];

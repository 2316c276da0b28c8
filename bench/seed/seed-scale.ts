import { createWorkspace, hashPassword, type Database } from '@voyage/kernel';
import { companyNameKey } from '../../modules/customers/src/normalize/company-name';
import { loadRows, vacuumAnalyze, type Row } from './load-rows';
import { companyProfile, CUSTOM_FIELDS, personProfile, pickRegion, type CompanyProfile } from './profiles';
import { Random } from '../../modules/customers/src/demo/data/random';
import { NOT_YET_SEEDED, SCALES, type Scale, type ScaleSize } from './scales';

export interface SeedScaleOptions {
  scale: Scale;
  /** Same seed, same data. */
  seed?: string | number;
  /** End of the two years of history the records' dates fall in (default 2026-11-01, fixed so runs repeat). */
  until?: Date;
  /** Overrides of the scale's sizes, for tests and smoke runs. */
  sizes?: Partial<ScaleSize>;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SeedScaleResult {
  workspaceId: string;
  adminUserId: string;
  ownerIds: string[];
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  /** Kinds of record the generator cannot make yet. */
  notYetPossible: string[];
}

const HISTORY_MS = 2 * 365 * 24 * 3600_000;
/** The admin of every scale workspace, so `bench` can sign in the same way each time. */
export const SCALE_ADMIN_EMAIL = 'bench-admin@voyage.test';
export const SCALE_ADMIN_PASSWORD = 'bench correct horse battery';

async function tableExists(database: Database, table: string): Promise<boolean> {
  const rows = await database.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
  return rows[0]?.t != null;
}

/**
 * Generates a workspace at the given scale: owners, custom field definitions, accounts and
 * contacts, loaded through the fast path, then VACUUM ANALYZE.
 */
export async function seedScale(database: Database, options: SeedScaleOptions): Promise<SeedScaleResult> {
  const { scale } = options;
  const size = { ...SCALES[scale], ...options.sizes };
  const log = options.log ?? (() => undefined);
  const root = new Random(options.seed ?? 1);
  const until = (options.until ?? new Date('2026-11-01T00:00:00Z')).getTime();
  const since = until - HISTORY_MS;
  const timings: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings[step] = Math.round(performance.now() - t0);
    return result;
  };

  const hasCustomers = (await tableExists(database, 'accounts')) && (await tableExists(database, 'contacts'));
  const objects = hasCustomers ? ['account', 'contact'] : [];
  const { workspaceId, adminUserId, roleIds } = await time('workspace', () =>
    createWorkspace(database, { name: `Scale ${scale} (seed ${options.seed ?? 1})`, locale: 'zh-CN', objects, admin: { email: SCALE_ADMIN_EMAIL, name: '基准管理员', password: SCALE_ADMIN_PASSWORD } }),
  );
  log(`workspace ${workspaceId}`);

  const ownerRng = root.fork('owners');
  const ownerIds = await time('owners', async () => {
    // One hash for all owners: argon2 is deliberately slow and these accounts only own data.
    const passwordHash = await hashPassword(SCALE_ADMIN_PASSWORD);
    const users: Row[] = [];
    for (let i = 0; i < size.owners; i++) {
      const person = personProfile(ownerRng, i, 'CN', null);
      users.push({ id: ownerRng.uuidv7(since + i * 1000), email: `owner${i}.${workspaceId.slice(-12)}@voyage.test`, name: person.name.full, password_hash: passwordHash, locale: 'zh-CN', last_workspace_id: workspaceId });
    }
    await loadRows(database, 'users', users);
    await loadRows(database, 'memberships', users.map((u, i) => ({ workspace_id: workspaceId, user_id: u.id, role_id: i < Math.ceil(size.owners / 10) ? roleIds.manager : roleIds.rep })));
    return users.map((u) => u.id as string);
  });
  counts.users = ownerIds.length;

  if (!hasCustomers) {
    log('customers tables missing: only the workspace and owners were seeded');
    return { workspaceId, adminUserId, ownerIds, counts, timings, notYetPossible: ['accounts and contacts: the customers module is not migrated', ...NOT_YET_SEEDED] };
  }

  await time('custom_fields', async () => {
    const defs = Object.entries(CUSTOM_FIELDS).flatMap(([object, fields]) =>
      fields.map((f, position) => ({
        workspace_id: workspaceId,
        id: root.uuidv7(since),
        object,
        key: f.key,
        label: f.label,
        type: f.type,
        options: 'options' in f ? f.options.map((value) => ({ value, label: value })) : [],
        config: f.type === 'currency' ? { currency: 'CNY' } : {},
        position,
        created_by: adminUserId,
        updated_by: adminUserId,
      })),
    );
    counts.custom_field_defs = await loadRows(database, 'custom_field_defs', defs);
  });

  // Accounts are kept in memory (small) so contacts can take their domain and owner.
  const accountRng = root.fork('accounts');
  const accounts: Array<{ id: string; ownerId: string; company: CompanyProfile }> = [];
  const step = HISTORY_MS / size.accounts;
  for (let i = 0; i < size.accounts; i++) {
    const created = since + i * step + accountRng.next() * step;
    accounts.push({ id: accountRng.uuidv7(created), ownerId: accountRng.pick(ownerIds), company: companyProfile(accountRng, i) });
  }
  function* accountRows(): Generator<Row> {
    for (let i = 0; i < accounts.length; i++) {
      const { id, ownerId, company } = accounts[i];
      const created = new Date(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
      const updated = new Date(Math.min(until, created.getTime() + accountRng.next() * (until - created.getTime())));
      yield {
        workspace_id: workspaceId, id, name: company.name, legal_name: company.legalName, industry: company.industry, region: company.address.area,
        size: company.size, website: `https://www.${company.domain}`, phone: company.phone, owner_id: ownerId, parent_account_id: null,
        tags: company.tags, lifecycle_stage: company.lifecycleStage, custom: company.custom,
        created_at: created, updated_at: updated, created_by: ownerId, updated_by: ownerId,
        // Columns the customers module derives on write; the generated phones are already E.164.
        phone_e164: company.phone, name_key: companyNameKey(company.name),
      };
    }
  }
  counts.accounts = await time('accounts', () => loadRows(database, 'accounts', accountRows(), { optional: ['phone_e164', 'name_key'], rebuildIndexes: true }));
  log(`accounts ${counts.accounts} in ${timings.accounts} ms`);

  const contactRng = root.fork('contacts');
  const contactStep = HISTORY_MS / size.contacts;
  function* contactRows(): Generator<Row> {
    for (let i = 0; i < size.contacts; i++) {
      const created = since + i * contactStep + contactRng.next() * contactStep;
      const id = contactRng.uuidv7(created);
      // About seven in ten contacts work at an account (B2B); the rest are B2C customers.
      const account = contactRng.chance(0.7) ? accounts[contactRng.int(0, accounts.length - 1)] : null;
      const region = account ? account.company.region : pickRegion(contactRng);
      const person = personProfile(contactRng, i, region, account?.company.domain ?? null);
      const ownerId = account && contactRng.chance(0.8) ? account.ownerId : contactRng.pick(ownerIds);
      const updated = Math.min(until, created + contactRng.next() * (until - created));
      yield {
        workspace_id: workspaceId, id, name: person.name.full, email: person.email, phone: person.phone, mobile: person.mobile, title: person.title,
        account_id: account?.id ?? null, owner_id: ownerId, tags: person.tags, lifecycle_stage: person.lifecycleStage, custom: person.custom,
        created_at: new Date(created), updated_at: new Date(updated), created_by: ownerId, updated_by: ownerId,
        phone_e164: person.phone, mobile_e164: person.mobile,
      };
    }
  }
  counts.contacts = await time('contacts', () => loadRows(database, 'contacts', contactRows(), { optional: ['phone_e164', 'mobile_e164'], rebuildIndexes: true }));
  log(`contacts ${counts.contacts} in ${timings.contacts} ms`);

  await time('vacuum_analyze', () => vacuumAnalyze(database, ['users', 'memberships', 'custom_field_defs', 'accounts', 'contacts']));
  log(`vacuum analyze in ${timings.vacuum_analyze} ms`);
  return { workspaceId, adminUserId, ownerIds, counts, timings, notYetPossible: [...NOT_YET_SEEDED] };
}


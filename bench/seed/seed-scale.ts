import { createWorkspace, hashPassword, type Database, type Locale } from '@voyage/kernel';
import { companyNameKey } from '../../modules/customers/src/normalize/company-name';
import { normalizeEmail } from '../../modules/customers/src/normalize/email';
import { toE164 } from '../../modules/customers/src/normalize/phone';
import { loadRows, openTableWriter, vacuumAnalyze, withoutForeignKeys, type Row, type TableWriter } from './load-rows';
import { NO_FOLLOW_UPS, TimelineGenerator } from './timeline-rows';
import { companyProfile, CUSTOM_FIELDS, personProfile, pickRegion, type CompanyProfile } from './profiles';
import { Random } from '../../modules/customers/src/demo/data/random';
import { NOT_YET_SEEDED, SCALES, type Scale, type ScaleSize } from './scales';
import { hasSalesTables, loadSalesLinks, OPTIONAL_DEAL_COLUMNS, pauseSalesTriggers, prepareSales, resumeSalesTriggers, SalesGenerator, type SalesPlan } from './sales-rows';

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
  /** Kinds of record the generator cannot make yet (or makes for part of the data set). */
  notYetPossible: string[];
  /** Contacts given follow-ups and a timeline. */
  timelineContacts: number;
}

const HISTORY_MS = 2 * 365 * 24 * 3600_000;
/** The scale workspace's language and default phone region (the product's defaults). */
const LOCALE: Locale = 'zh-CN';
const PHONE_REGION = 'CN';
/** Connections building a table's indexes after its load (PostgreSQL). */
const INDEX_CONNECTIONS = 2;
/** The admin of every scale workspace, so `bench` can sign in the same way each time. */
export const SCALE_ADMIN_EMAIL = 'bench-admin@voyage.test';
export const SCALE_ADMIN_PASSWORD = 'bench correct horse battery';

async function tableExists(database: Database, table: string): Promise<boolean> {
  const rows = await database.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
  return rows[0]?.t != null;
}

/**
 * Generates a workspace at the given scale: owners, custom field definitions, accounts,
 * contacts with their follow-ups and timeline, loaded through the fast path, then VACUUM ANALYZE.
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
  const hasSales = hasCustomers && (await hasSalesTables(database));
  let pausedTriggers: string[] = [];
  const objects = hasCustomers ? ['account', 'contact', ...(hasSales ? ['deal', 'lead'] : [])] : [];
  const { workspaceId, adminUserId, roleIds } = await time('workspace', () =>
    createWorkspace(database, { name: `Scale ${scale} (seed ${options.seed ?? 1})`, locale: LOCALE, objects, admin: { email: SCALE_ADMIN_EMAIL, name: '基准管理员', password: SCALE_ADMIN_PASSWORD } }),
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
    return { workspaceId, adminUserId, ownerIds, counts, timings, notYetPossible: ['accounts and contacts: the customers module is not migrated', ...NOT_YET_SEEDED], timelineContacts: 0 };
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
  const accounts: Array<{ id: string; ownerId: string; createdMs: number; company: CompanyProfile }> = [];
  const step = HISTORY_MS / size.accounts;
  const names = new Set<string>();
  for (let i = 0; i < size.accounts; i++) {
    const created = since + i * step + accountRng.next() * step;
    accounts.push({ id: accountRng.uuidv7(created), ownerId: accountRng.pick(ownerIds), createdMs: created, company: companyProfile(accountRng, i, names) });
  }
  names.clear();
  function* accountRows(): Generator<Row> {
    for (let i = 0; i < accounts.length; i++) {
      const { id, ownerId, createdMs, company } = accounts[i];
      const updated = new Date(Math.min(until, createdMs + accountRng.next() * (until - createdMs)));
      yield {
        workspace_id: workspaceId, id, name: company.name, legal_name: company.legalName, industry: company.industry, region: company.address.area,
        size: company.size, website: `https://www.${company.domain}`, phone: company.phone, owner_id: ownerId, parent_account_id: null,
        tags: company.tags, lifecycle_stage: company.lifecycleStage, custom: company.custom,
        created_at: new Date(createdMs), updated_at: updated, created_by: ownerId, updated_by: ownerId,
        // What the customers module derives on write (normalize/), with its own functions.
        phone_e164: toE164(company.phone, PHONE_REGION), name_key: companyNameKey(company.name),
      };
    }
  }
  // Indexes are rebuilt after the load, two at a time: a GIN build keeps one core busy.
  counts.accounts = await time('accounts', () => loadRows(database, 'accounts', accountRows(), { optional: ['phone_e164', 'name_key'], rebuildIndexes: true, indexConnections: INDEX_CONNECTIONS }));
  log(`accounts ${counts.accounts} in ${timings.accounts} ms`);

  // The pipelines deals go through: the sales module's default one and a renewal pipeline.
  let salesPlan: SalesPlan | undefined;
  if (hasSales) {
    salesPlan = await time('sales_setup', () => prepareSales(database, root.fork('pipelines'), workspaceId, adminUserId, since));
    pausedTriggers = await pauseSalesTriggers(database);
    Object.assign(counts, salesPlan.counts);
  }

  // Contacts, their follow-ups, the timeline, deals with their stage history, and tasks load
  // together, each table through its own COPY (PostgreSQL: a connection each, so the server
  // parses while this process generates); no contact id is kept for later.
  const hasTimeline = (await tableExists(database, 'timeline_entries')) && (await tableExists(database, 'follow_ups'));
  const share = hasTimeline ? size.timelineShare : 0;
  const contactRng = root.fork('contacts');
  const timelineRng = root.fork('timeline');
  const timeline = new TimelineGenerator(workspaceId, LOCALE, until);
  const contactStep = HISTORY_MS / size.contacts;
  const writers = {
    contacts: openTableWriter(database, 'contacts', { optional: ['phone_e164', 'mobile_e164', 'last_follow_up_at', 'last_follow_up_summary', 'follow_up_count', 'next_contact_at'], rebuildIndexes: true, indexConnections: INDEX_CONNECTIONS }),
    followUps: openTableWriter(database, 'follow_ups', { rebuildIndexes: true }),
    entries: openTableWriter(database, 'timeline_entries', { rebuildIndexes: true }),
    deals: openTableWriter(database, 'deals', { optional: OPTIONAL_DEAL_COLUMNS, rebuildIndexes: true }),
    history: openTableWriter(database, 'deal_stage_history', { rebuildIndexes: true }),
    tasks: openTableWriter(database, 'tasks', { rebuildIndexes: true }),
  };
  const salesRng = root.fork('sales');
  const sales = salesPlan ? new SalesGenerator(workspaceId, salesPlan, until) : undefined;
  const salesEmit = { deal: (row: Row) => put(writers.deals, row), history: (row: Row) => put(writers.history, row), task: (row: Row) => put(writers.tasks, row) };
  // Rows generated between two awaits; a writer asking to wait is waited for before the next contact.
  const waits: Array<Promise<void>> = [];
  const put = (writer: TableWriter, row: Row) => {
    const wait = writer.write(row);
    if (wait) waits.push(wait);
  };
  const emit = { followUp: (row: Row) => put(writers.followUps, row), entry: (row: Row) => put(writers.entries, row) };
  let withTimeline = 0;
  const loadContacts = async () => {
    try {
      if (share > 0) {
        for (const a of accounts) if (share >= 1 || timelineRng.chance(share)) put(writers.entries, timeline.accountCreated(timelineRng, a));
      }
      for (let i = 0; i < size.contacts; i++) {
        const created = since + i * contactStep + contactRng.next() * contactStep;
        const id = contactRng.uuidv7(created);
        // About seven in ten contacts work at an account (B2B); the rest are B2C customers.
        const account = contactRng.chance(0.7) ? accounts[contactRng.int(0, accounts.length - 1)] : null;
        const region = account ? account.company.region : pickRegion(contactRng);
        const person = personProfile(contactRng, i, region, account?.company.domain ?? null);
        const ownerId = account && contactRng.chance(0.8) ? account.ownerId : contactRng.pick(ownerIds);
        const updated = Math.min(until, created + contactRng.next() * (until - created));
        let followUps = NO_FOLLOW_UPS;
        if (share > 0 && (share >= 1 || timelineRng.chance(share))) {
          withTimeline++;
          followUps = timeline.contact(timelineRng, { id, name: person.name.full, han: person.name.script === 'han', accountId: account?.id ?? null, ownerId, createdMs: created, lifecycleStage: person.lifecycleStage, title: person.title }, emit);
        }
        sales?.contact(salesRng, { id, name: person.name.full, accountId: account?.id ?? null, accountName: account?.company.name ?? null, ownerId, createdMs: created }, salesEmit);
        put(writers.contacts, {
          workspace_id: workspaceId, id, name: person.name.full, email: person.email && normalizeEmail(person.email), phone: person.phone, mobile: person.mobile, title: person.title,
          account_id: account?.id ?? null, owner_id: ownerId, tags: person.tags, lifecycle_stage: person.lifecycleStage, custom: person.custom,
          created_at: new Date(created), updated_at: new Date(updated), created_by: ownerId, updated_by: ownerId,
          phone_e164: person.phone && toE164(person.phone, PHONE_REGION), mobile_e164: person.mobile && toE164(person.mobile, PHONE_REGION),
          ...followUps,
        });
        if (waits.length) await Promise.all(waits.splice(0));
      }
      // The tables rebuild their indexes at the same time, each on its own connection.
      const [c, f, e, d, h, t] = await Promise.all([writers.contacts.end(), writers.followUps.end(), writers.entries.end(), writers.deals.end(), writers.history.end(), writers.tasks.end()]);
      counts.contacts = c;
      if (hasTimeline) {
        counts.follow_ups = f;
        counts.timeline_entries = e;
      }
      if (sales) {
        counts.deals = d;
        counts.deal_stage_history = h;
        counts.tasks = t;
      }
    } catch (error) {
      await Promise.all(Object.values(writers).map((w) => w.abort()));
      throw error;
    }
  };
  // Stage history and deals commit on their own connections, so history rows may land first:
  // its foreign key to deals is added back (and checked) once both are in.
  await time('contacts', () => (sales ? withoutForeignKeys(database, 'deal_stage_history', loadContacts) : loadContacts()));
  log(`contacts ${counts.contacts}, follow-ups ${counts.follow_ups ?? 0}, timeline entries ${counts.timeline_entries ?? 0} (${withTimeline} contacts with a history), deals ${counts.deals ?? 0} (stage history ${counts.deal_stage_history ?? 0}), tasks ${counts.tasks ?? 0} in ${timings.contacts} ms`);
  if (sales) {
    Object.assign(counts, await time('deal_links', () => loadSalesLinks(database, workspaceId)));
    await time('deal_triggers', () => resumeSalesTriggers(database, workspaceId, pausedTriggers));
    log(`deal stakeholders ${counts.deal_contacts}, meeting attendees ${counts.task_attendees} in ${timings.deal_links} ms`);
  }

  const rollups = sales && pausedTriggers.includes('deals.deals_performance_rollups') ? ['deal_closed_rollups', 'deal_move_rollups', 'task_done_rollups', 'deal_funnel_rollups'] : [];
  const salesTables = sales ? ['pipelines', 'pipeline_stages', 'deal_reasons', 'deals', 'deal_stage_history', 'deal_contacts', 'tasks', 'task_attendees', ...rollups] : [];
  await time('vacuum_analyze', () => vacuumAnalyze(database, ['users', 'memberships', 'custom_field_defs', 'accounts', 'contacts', ...(hasTimeline ? ['follow_ups', 'timeline_entries'] : []), ...salesTables]));
  log(`vacuum analyze in ${timings.vacuum_analyze} ms`);
  const notYetPossible: string[] = hasSales ? [...NOT_YET_SEEDED] : ['deals over pipelines and tasks: the sales module is not migrated', ...NOT_YET_SEEDED];
  if (!hasTimeline) notYetPossible.unshift('follow-ups and timeline entries: the timeline tables are not migrated');
  else if (share < 1) notYetPossible.unshift(`a timeline for every contact: at this scale ${withTimeline.toLocaleString('en')} of ${counts.contacts.toLocaleString('en')} contacts (${Math.round(share * 100)}%) have one, so that the load stays under 5 minutes`);
  return { workspaceId, adminUserId, ownerIds, counts, timings, notYetPossible, timelineContacts: withTimeline };
}


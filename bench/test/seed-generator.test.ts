import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@voyage/kernel';
import { createTestDatabase } from '../../test/database';
import { companyName } from '../../modules/customers/src/demo/data/companies';
import { chineseName, englishName } from '../../modules/customers/src/demo/data/names';
import { landlineNumber, mobileNumber } from '../../modules/customers/src/demo/data/phones';
import { companyProfile, personProfile, pickRegion } from '../seed/profiles';
import { Random } from '../../modules/customers/src/demo/data/random';
import { seedScale } from '../seed/seed-scale';
import { loadRows } from '../seed/load-rows';
import { localPhone } from '../seed/local-phone';
import { companyNameKey } from '../../modules/customers/src/normalize/company-name';
import { normalizeEmail } from '../../modules/customers/src/normalize/email';
import { toE164 } from '../../modules/customers/src/normalize/phone';

describe('seeded random source', () => {
  it('repeats for one seed and differs between seeds', () => {
    const draw = (seed: string | number) => { const r = new Random(seed); return Array.from({ length: 5 }, () => r.next()); };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    expect(draw(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('makes UUIDv7 ids that carry the given time', () => {
    const id = new Random(3).uuidv7(Date.UTC(2025, 0, 2));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2025, 0, 2));
  });
});

describe('generated values', () => {
  const rng = new Random('values');

  it('gives Chinese names of two, three and four characters, compound surnames included', () => {
    const names = Array.from({ length: 5000 }, () => chineseName(rng).full);
    const lengths = new Set(names.map((n) => [...n].length));
    expect([...lengths].every((l) => l >= 2 && l <= 4)).toBe(true);
    expect(lengths.has(2) && lengths.has(3)).toBe(true);
    expect(names.some((n) => /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|端木|长孙)/.test(n))).toBe(true);
    expect(names.every((n) => /^\p{Script=Han}+$/u.test(n))).toBe(true);
    expect(chineseName(new Random(9), true).full).toBe(chineseName(new Random(9), true).full);
  });

  it('gives English names with an ASCII email form', () => {
    const n = englishName(rng);
    expect(n.full).toMatch(/^\S+ \S+$/);
    expect(n.ascii).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it('formats mobiles and landlines in E.164 per region', () => {
    for (let i = 0; i < 200; i++) {
      expect(mobileNumber(rng, 'CN')).toMatch(/^\+861[3-9]\d{9}$/);
      expect(mobileNumber(rng, 'US')).toMatch(/^\+1[2-9]\d{9}$/);
      expect(mobileNumber(rng, 'GB')).toMatch(/^\+447\d{9}$/);
      expect(mobileNumber(rng, 'SG')).toMatch(/^\+65[89]\d{7}$/);
      expect(mobileNumber(rng, 'HK')).toMatch(/^\+852[569]\d{7}$/);
      expect(mobileNumber(rng, 'TW')).toMatch(/^\+8869\d{8}$/);
      expect(landlineNumber(rng, 'CN')).toMatch(/^\+86\d{9,11}$/);
    }
  });

  it('gives company names with legal suffixes', () => {
    const cn = Array.from({ length: 300 }, (_, i) => companyName(rng, 'CN', i, '杭州市').legalName);
    expect(cn.every((n) => /(有限公司|股份有限公司)$/.test(n))).toBe(true);
    expect(cn.some((n) => n.startsWith('杭州'))).toBe(true);
    expect(cn.some((n) => n.endsWith('股份有限公司'))).toBe(true);
    const us = Array.from({ length: 100 }, (_, i) => companyName(rng, 'US', i, 'Boston').legalName);
    expect(us.some((n) => n.endsWith(' Inc.'))).toBe(true);
    const gb = Array.from({ length: 200 }, (_, i) => companyName(rng, 'GB', i, 'London').legalName);
    expect(gb.some((n) => n.endsWith(' GmbH') || n.endsWith(' AG'))).toBe(true);
    expect(gb.some((n) => n.endsWith(' Co., Ltd.') || n.endsWith(' Ltd'))).toBe(true);
  });

  it('never repeats an email across a data set', () => {
    const emails = new Set<string>();
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      const company = i % 3 === 0 ? companyProfile(rng, i % 50) : null;
      const p = personProfile(rng, i, company?.region ?? pickRegion(rng), company?.domain ?? null);
      if (p.email) { emails.add(p.email); total++; }
      expect(p.email ?? 'a@b.c').toMatch(/^[^\s@]+@[^\s@]+\.[a-z.]+$/);
    }
    expect(emails.size).toBe(total);
  });
});

describe('seedScale', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('loads the same contacts for the same seed, through the fast path of the database', async () => {
    const sizes = { contacts: 600, accounts: 120, owners: 4 };
    const first = await seedScale(a, { scale: '10k', seed: 42, sizes });
    const second = await seedScale(b, { scale: '10k', seed: 42, sizes });
    expect(first.counts).toMatchObject({ users: 4, custom_field_defs: 12, accounts: 120, contacts: 600 });
    expect(second.counts).toEqual(first.counts);
    const read = (db: Database, ws: string) => db.query<Record<string, unknown>>('select id, name, email, mobile, tags, custom, account_id, created_at from contacts where workspace_id = $1 order by id', [ws]);
    const rowsA = await read(a, first.workspaceId);
    const rowsB = await read(b, second.workspaceId);
    expect(rowsA).toHaveLength(600);
    expect(rowsB).toEqual(rowsA);
    const linked = await a.query<{ n: number }>('select count(*)::int as n from contacts c join accounts ac on ac.workspace_id = c.workspace_id and ac.id = c.account_id where c.workspace_id = $1', [first.workspaceId]);
    expect(linked[0].n).toBeGreaterThan(300);
    const members = await a.query<{ n: number }>('select count(*)::int as n from memberships where workspace_id = $1', [first.workspaceId]);
    expect(members[0].n).toBe(5);
  });
});

describe('seedScale: what the product derives on write, and the timeline', () => {
  let database: Database;
  let ws: string;
  let counts: Record<string, number>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const seeded = await seedScale(database, { scale: '10k', seed: 7, sizes: { contacts: 400, accounts: 80, owners: 3 } });
    ws = seeded.workspaceId;
    counts = seeded.counts;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('fills the normalized columns with the customers module\'s own functions', async () => {
    const contacts = await database.query<{ email: string | null; phone: string | null; mobile: string | null; phone_e164: string | null; mobile_e164: string | null }>(
      'select email, phone, mobile, phone_e164, mobile_e164 from contacts where workspace_id = $1', [ws]);
    expect(contacts.filter((c) => c.mobile).length).toBeGreaterThan(300);
    for (const c of contacts) {
      if (c.email) expect(c.email).toBe(normalizeEmail(c.email));
      expect(c.mobile_e164).toBe(c.mobile ? toE164(c.mobile, 'CN') : null);
      expect(c.phone_e164).toBe(c.phone ? toE164(c.phone, 'CN') : null);
      if (c.mobile) expect(c.mobile_e164).not.toBeNull();
    }
    // Typed the local way: mainland mobiles without +86.
    expect(contacts.some((c) => /^1[3-9]\d \d{4} \d{4}$/.test(c.mobile ?? ''))).toBe(true);
    const accounts = await database.query<{ name: string; name_key: string; phone: string; phone_e164: string }>('select name, name_key, phone, phone_e164 from accounts where workspace_id = $1', [ws]);
    for (const a of accounts) {
      expect(a.name_key).toBe(companyNameKey(a.name));
      expect(a.phone_e164).toBe(toE164(a.phone, 'CN'));
    }
    expect(new Set(accounts.map((a) => a.name)).size).toBe(accounts.length);
  });

  it('gives about ten timeline entries per contact, with follow-ups as the follow-up use cases write them', async () => {
    expect(counts.follow_ups).toBeGreaterThan(400 * 4);
    const [{ per }] = await database.query<{ per: number }>(`select avg(n)::float as per from (select count(*) n from timeline_entries where workspace_id = $1 and subject_type = 'contact' group by subject_id) s`, [ws]);
    expect(per).toBeGreaterThan(8);
    expect(per).toBeLessThan(13);
    // The contact columns agree with its live follow-ups (refreshFollowUpColumns).
    const drift = await database.query(`
      select c.id from contacts c
        left join lateral (select count(*)::int n, max(occurred_at) last from follow_ups f where f.workspace_id = c.workspace_id and f.subject_type = 'contact' and f.subject_id = c.id) f on true
       where c.workspace_id = $1 and (c.follow_up_count <> f.n or c.last_follow_up_at is distinct from f.last)`, [ws]);
    expect(drift).toEqual([]);
    // Each follow-up is on its contact's timeline and, for a contact of an account, on the account's.
    const [{ missing }] = await database.query<{ missing: number }>(`
      select count(*)::int missing from follow_ups f join contacts c on c.workspace_id = f.workspace_id and c.id = f.subject_id
       where f.workspace_id = $1 and (
         not exists (select 1 from timeline_entries t where t.workspace_id = f.workspace_id and t.source_event_id = 'follow_up:' || f.id || ':' || c.id and t.kind = 'follow_up')
         or (c.account_id is not null and not exists (select 1 from timeline_entries t where t.workspace_id = f.workspace_id and t.subject_type = 'account' and t.subject_id = c.account_id and t.source_event_id = 'follow_up:' || f.id || ':' || c.account_id)))`, [ws]);
    expect(missing).toBe(0);
    const kinds = await database.query<{ kind: string; title: string }>(`select distinct kind, title from timeline_entries where workspace_id = $1 and kind in ('record_created', 'field_change')`, [ws]);
    expect(kinds).toEqual(expect.arrayContaining([{ kind: 'record_created', title: '创建了联系人' }, { kind: 'field_change', title: '修改了 1 个字段' }]));
  });

  it('writes mainland phones as people type them, which toE164 reads back', () => {
    const r = new Random('phones');
    for (let i = 0; i < 300; i++) {
      for (const region of ['CN', 'US', 'GB', 'SG', 'HK', 'TW'] as const) {
        const mobile = mobileNumber(r, region);
        const landline = landlineNumber(r, region);
        expect(toE164(localPhone(mobile), 'CN')).toBe(mobile);
        expect(toE164(localPhone(landline), 'CN')).toBe(landline);
      }
    }
  });
});

describe('loadRows', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keeps tabs, newlines, backslashes, quotes, arrays, JSON and nulls intact', async () => {
    const ws = await seedScale(database, { scale: '10k', seed: 'escape', sizes: { contacts: 1, accounts: 1, owners: 1 } });
    const tricky = {
      workspace_id: ws.workspaceId,
      id: new Random('x').uuidv7(Date.UTC(2026, 0, 1)),
      name: 'Tab\there\nnew "quoted" back\\slash 欧阳明',
      email: null,
      tags: ['a,b', 'say "hi"', 'back\\slash', '{brace}', 'NULL', '客户'],
      custom: { note: 'line1\nline2\t"q"', list: [1, null, 'x'], nested: { ok: true } },
    };
    expect(await loadRows(database, 'contacts', [tricky])).toBe(1);
    const [row] = await database.query<Record<string, unknown>>('select name, email, tags, custom from contacts where workspace_id = $1 and id = $2', [tricky.workspace_id, tricky.id]);
    expect(row).toEqual({ name: tricky.name, email: null, tags: tricky.tags, custom: tricky.custom });
  });

  it('refuses a column the table does not have, naming it', async () => {
    await expect(loadRows(database, 'contacts', [{ workspace_id: 'x', id: 'y', name: 'n', nickname: 'z' }])).rejects.toThrow('contacts has no column(s) nickname');
  });
});

describe('seedScale: deals over two pipelines and tasks', () => {
  let a: Database;
  let b: Database;
  let first: Awaited<ReturnType<typeof seedScale>>;
  let second: Awaited<ReturnType<typeof seedScale>>;
  const sizes = { contacts: 1_500, accounts: 200, owners: 5, timelineShare: 0 };
  const until = Date.UTC(2026, 10, 1);
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    first = await seedScale(a, { scale: '10k', seed: 'sales', sizes });
    second = await seedScale(b, { scale: '10k', seed: 'sales', sizes });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('gives about one deal per five contacts and one task per two, with stakeholders and attendees', () => {
    const c = first.counts;
    expect(c.pipelines).toBe(2);
    expect(c.pipeline_stages).toBe(10);
    expect(c.deals).toBeGreaterThan(1_500 * 0.15);
    expect(c.deals).toBeLessThan(1_500 * 0.25);
    expect(c.tasks).toBeGreaterThan(1_500 * 0.4);
    expect(c.tasks).toBeLessThan(1_500 * 0.65);
    expect(c.deal_contacts).toBe(c.deals);
    expect(c.deal_stage_history).toBeGreaterThan(c.deals * 2);
    expect(c.task_attendees).toBeGreaterThan(0);
    expect(first.notYetPossible.filter((n) => /^deals|tasks/.test(n))).toEqual([]);
  });

  it('repeats for the same seed (stages compared by pipeline and position)', async () => {
    expect(second.counts).toEqual(first.counts);
    const read = (db: Database, ws: string) => db.query<Record<string, unknown>>(`
      select d.id, d.name, d.status, d.amount_minor, d.close_date, d.closed_at, d.owner_id is not null as owned, d.primary_contact_id, d.account_id, p.position as pipeline, s.position as stage, d.created_at
        from deals d join pipelines p on p.workspace_id = d.workspace_id and p.id = d.pipeline_id
        join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id where d.workspace_id = $1 order by d.id`, [ws]);
    const rowsA = await read(a, first.workspaceId);
    expect(rowsA.length).toBe(first.counts.deals);
    expect(await read(b, second.workspaceId)).toEqual(rowsA);
    const tasks = (db: Database, ws: string) => db.query('select id, kind, title, status, due_at, start_at, related_type, related_id from tasks where workspace_id = $1 order by id', [ws]);
    expect(await tasks(b, second.workspaceId)).toEqual(await tasks(a, first.workspaceId));
  });

  it('puts every deal in a stage of its own pipeline, closed ones with closed_at and a reason, open ones in open stages', async () => {
    const ws = first.workspaceId;
    const [wrong] = await a.query<{ n: number }>(`select count(*)::int n from deals d left join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id and s.pipeline_id = d.pipeline_id
      where d.workspace_id = $1 and (s.id is null or s.kind <> d.status)`, [ws]);
    expect(wrong.n).toBe(0);
    const byStatus = await a.query<{ status: string; n: number; with_closed_at: number; with_reason: number }>(`
      select status, count(*)::int n, count(closed_at)::int with_closed_at, count(close_reason_id)::int with_reason from deals where workspace_id = $1 group by status order by status`, [ws]);
    const s = Object.fromEntries(byStatus.map((r) => [r.status, r]));
    expect(s.won.with_closed_at).toBe(s.won.n);
    expect(s.lost.with_closed_at).toBe(s.lost.n);
    expect(s.won.with_reason).toBe(s.won.n);
    expect(s.open.with_closed_at).toBe(0);
    // About 40/60 won to lost, and open deals near the end of the history.
    expect(s.won.n / (s.won.n + s.lost.n)).toBeGreaterThan(0.3);
    expect(s.won.n / (s.won.n + s.lost.n)).toBeLessThan(0.5);
    expect(s.open.n).toBeGreaterThan(20);
    // Open deals sit more in early stages than late ones.
    const open = await a.query<{ position: number; n: number }>(`select s.position, count(*)::int n from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
      join pipelines p on p.workspace_id = d.workspace_id and p.id = d.pipeline_id where d.workspace_id = $1 and p.is_default and d.status = 'open' group by 1 order by 1`, [ws]);
    expect(open[0].n).toBeGreaterThan(open[open.length - 1].n);
    // Primary contact, its account and owner are the contact's.
    const [mismatch] = await a.query<{ n: number }>(`select count(*)::int n from deals d join contacts c on c.workspace_id = d.workspace_id and c.id = d.primary_contact_id
      where d.workspace_id = $1 and (c.owner_id is distinct from d.owner_id or c.account_id is distinct from d.account_id or d.created_at < c.created_at)`, [ws]);
    expect(mismatch.n).toBe(0);
    const [range] = await a.query<{ first: Date; last: Date; positive: boolean }>(`select min(created_at) first, max(created_at) last, bool_and(amount_minor > 0 and amount_minor % 100 = 0 and probability is null) positive from deals where workspace_id = $1`, [ws]);
    expect(range.positive).toBe(true);
    expect(until - range.first.getTime()).toBeGreaterThan(500 * 86_400_000);
    expect(range.last.getTime()).toBeLessThanOrEqual(until);
    // The kanban totals the trigger would have kept are summed once after the load.
    const [totals] = await a.query<{ n: number }>(`select count(*)::int n from (
      select pipeline_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000') owner_id, currency, count(*)::bigint deal_count, sum(amount_minor)::bigint amount_minor from deals where workspace_id = $1 and deleted_at is null group by 1, 2, 3, 4
      except select pipeline_id, stage_id, owner_id, currency, deal_count, amount_minor from deal_board_totals where workspace_id = $1 and deal_count <> 0) missing`, [ws]);
    expect(totals.n).toBe(0);
    // Each deal carries the stages its history entered, as the trigger keeps them.
    const [reach] = await a.query<{ n: number }>(`select count(*)::int n from deals d
      where d.workspace_id = $1 and array(select unnest(d.reached_stage_ids) order by 1) is distinct from
        array(select distinct h.to_stage_id from deal_stage_history h where h.workspace_id = d.workspace_id and h.deal_id = d.id order by 1)`, [ws]);
    expect(reach.n).toBe(0);
    // "Stalled since" as the trigger keeps it: last activity + 14 days for open deals, none for closed ones.
    const [stalled] = await a.query<{ n: number }>(`select count(*)::int n from deals where workspace_id = $1 and stalled_at is distinct from
      case when status = 'open' and deleted_at is null then coalesce(last_activity_at, stage_entered_at) + interval '14 days' end`, [ws]);
    expect(stalled.n).toBe(0);
    const [kept] = await a.query<{ n: number }>('select count(*)::int n from deal_board_totals where workspace_id = $1', [ws]);
    expect(kept.n).toBeGreaterThan(10);
    // So are the sales performance rollups: per month, the deals closed, the moves, the tasks done and the funnel's deals.
    const [rolled] = await a.query<{ closed: boolean; moves: boolean; tasks: boolean; funnel: boolean }>(`select
      (select count(*) from deals where workspace_id = $1 and deleted_at is null and status in ('won', 'lost') and owner_id is not null) = (select sum(deal_count) from deal_closed_rollups where workspace_id = $1 and grain = 'm') as closed,
      (select count(*) from deal_stage_history where workspace_id = $1 and from_stage_id is not null) = (select sum(move_count) from deal_move_rollups where workspace_id = $1 and grain = 'd') as moves,
      (select count(*) from tasks where workspace_id = $1 and status = 'done' and deleted_at is null and owner_id is not null) = (select sum(task_count) from task_done_rollups where workspace_id = $1 and grain = 'm') as tasks,
      (select count(*) from deals where workspace_id = $1 and deleted_at is null) = (select sum(deal_count) from deal_funnel_rollups where workspace_id = $1 and grain = 'd') as funnel`, [ws]);
    expect(rolled).toEqual({ closed: true, moves: true, tasks: true, funnel: true });
  });

  it('writes a stage-history row per stage passed, ending in the deal\'s stage with the seconds spent before', async () => {
    const ws = first.workspaceId;
    const [bad] = await a.query<{ n: number }>(`
      select count(*)::int n from deals d
        join lateral (select h.to_stage_id, h.changed_at from deal_stage_history h where h.workspace_id = d.workspace_id and h.deal_id = d.id order by h.changed_at desc, h.id desc limit 1) last on true
       where d.workspace_id = $1 and (last.to_stage_id <> d.stage_id or abs(extract(epoch from last.changed_at - d.stage_entered_at)) > 0.001)`, [ws]);
    expect(bad.n).toBe(0);
    const [firsts] = await a.query<{ n: number; deals: number }>(`select count(*) filter (where from_stage_id is null and seconds_in_from is null)::int n, count(distinct deal_id)::int deals from deal_stage_history where workspace_id = $1`, [ws]);
    expect(firsts.n).toBe(firsts.deals);
    const [chained] = await a.query<{ n: number }>(`
      select count(*)::int n from (select from_stage_id, seconds_in_from, changed_at, lag(to_stage_id) over w prev_stage, lag(changed_at) over w prev_at
        from deal_stage_history where workspace_id = $1 window w as (partition by deal_id order by changed_at, id)) h
       where prev_stage is not null and (from_stage_id <> prev_stage or seconds_in_from <> round(extract(epoch from changed_at - prev_at)))`, [ws]);
    expect(chained.n).toBe(0);
  });

  it('makes tasks and meetings on deals and contacts: past ones mostly done, some open or overdue near the end', async () => {
    const ws = first.workspaceId;
    const rows = await a.query<{ kind: string; related_type: string; status: string; n: number; timed: number }>(`
      select kind, related_type, status, count(*)::int n, count(*) filter (where (kind = 'task' and due_at is not null and start_at is null) or (kind = 'meeting' and start_at < end_at and due_at is null))::int timed
        from tasks where workspace_id = $1 group by 1, 2, 3`, [ws]);
    expect(rows.every((r) => r.timed === r.n)).toBe(true);
    const total = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
    expect(total((r) => r.kind === 'meeting')).toBeGreaterThan(0);
    expect(total((r) => r.related_type === 'deal')).toBeGreaterThan(0);
    expect(total((r) => r.related_type === 'contact')).toBeGreaterThan(0);
    expect(total((r) => r.status === 'done')).toBeGreaterThan(total((r) => r.status === 'open'));
    const [near] = await a.query<{ overdue: number; upcoming: number; done_without: number }>(`
      select count(*) filter (where status = 'open' and coalesce(due_at, start_at) < $2)::int overdue,
             count(*) filter (where status = 'open' and coalesce(due_at, start_at) >= $2)::int upcoming,
             count(*) filter (where status = 'done' and completed_at is null)::int done_without from tasks where workspace_id = $1`, [ws, new Date(until)]);
    expect(near.overdue).toBeGreaterThan(0);
    expect(near.upcoming).toBeGreaterThan(0);
    expect(near.done_without).toBe(0);
  });
});

import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '@voyage/kernel';
import { pipelines, pipelineStages } from '../../modules/sales/src/db/pipelines';
import { ensureDefaultPipeline } from '../../modules/sales/src/pipelines/default-pipeline';
import { weightedTable, type Random } from '../../modules/customers/src/demo/data/random';
import { loadRows, type Row } from './load-rows';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
type Labels = Record<'zh-CN' | 'zh-TW' | 'en', string>;
const l = (zhCN: string, zhTW: string, en: string): Labels => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** The second pipeline of a scale workspace: renewals, with its own won and lost stages. */
export const RENEWAL_PIPELINE = {
  labels: l('续约', '續約', 'Renewal'),
  stages: [
    { labels: l('续约洽谈', '續約洽談', 'Renewal talks'), kind: 'open', probability: 40, rottingDays: 30 },
    { labels: l('续约报价', '續約報價', 'Renewal quote'), kind: 'open', probability: 75, rottingDays: 21 },
    { labels: l('已续约', '已續約', 'Renewed'), kind: 'won', probability: 100, rottingDays: null },
    { labels: l('未续约', '未續約', 'Not renewed'), kind: 'lost', probability: 0, rottingDays: null },
  ],
} as const;

const WON_REASONS = [l('产品功能匹配', '產品功能匹配', 'Product fit'), l('价格有竞争力', '價格有競爭力', 'Competitive price'), l('客户关系良好', '客戶關係良好', 'Strong relationship'), l('服务响应快', '服務響應快', 'Fast service')];
const LOST_REASONS = [l('价格太高', '價格太高', 'Price too high'), l('选择了竞争对手', '選擇了競爭對手', 'Chose a competitor'), l('预算取消', '預算取消', 'Budget cancelled'), l('时机不对', '時機不對', 'Bad timing'), l('需求不匹配', '需求不匹配', 'Needs not met')];
const SOURCES = weightedTable([['官网', 22], ['展会', 14], ['老客户推荐', 18], ['电话营销', 12], ['线上广告', 12], ['合作伙伴', 10], ['微信', 12]] as const);
const DEAL_NAMES = ['CRM 升级项目', '销售云部署', '客服中心建设', '渠道管理平台', '数据迁移项目', '全员培训', '移动销售试点', '营销自动化', '年度采购', '系统集成'] as const;
const RENEWAL_NAMES = ['年度订阅续费', '服务续约', '许可证续期', '维保续约'] as const;
const TASK_TITLES = ['电话跟进', '发送报价单', '发送方案书', '确认采购流程', '回访关键人', '整理需求清单', '准备合同草稿', '催收首付款'] as const;
const MEETING_TITLES = ['产品演示会', '需求访谈', '商务谈判', '项目启动会', '季度业务回顾'] as const;
const LOCATIONS = ['客户现场', '腾讯会议', '公司三楼会议室', '飞书视频会议', 'Zoom'] as const;
const PRIORITIES = weightedTable([['normal', 60], ['high', 20], ['low', 12], ['urgent', 8]] as const);
/** Tasks per contact without a deal (mean 0.3), and per deal (mean 1.1): about one task per two contacts. */
const CONTACT_TASKS = weightedTable([[0, 75], [1, 20], [2, 5]] as const);
const DEAL_TASKS = weightedTable([[0, 25], [1, 45], [2, 20], [3, 10]] as const);
/** The part of the contacts given a deal, and of deals in the renewal pipeline. */
export const DEAL_SHARE = 0.2;
const RENEWAL_SHARE = 0.15;
/** Won among closed deals. */
const WIN_RATE = 0.4;

interface PipelinePlan {
  id: string;
  /** Open stages in order, then the won and the lost stage. */
  open: string[];
  won: string;
  lost: string;
  /** Open deals per open stage: more in early stages. */
  openWeights: ReturnType<typeof weightedTable<number>>;
  names: readonly string[];
  /** Median deal amount in yuan. */
  medianYuan: number;
}

export interface SalesPlan {
  pipelines: { main: PipelinePlan; renewal: PipelinePlan };
  reasons: { won: Array<{ id: string; label: string }>; lost: Array<{ id: string; label: string }> };
  counts: Record<string, number>;
}

async function tableExists(database: Database, table: string): Promise<boolean> {
  const rows = await database.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
  return rows[0]?.t != null;
}

/** The sales tables the generator fills, when the sales module is migrated. */
export async function hasSalesTables(database: Database): Promise<boolean> {
  for (const t of ['pipelines', 'pipeline_stages', 'deals', 'deal_stage_history', 'deal_contacts', 'deal_reasons', 'tasks', 'task_attendees']) if (!(await tableExists(database, t))) return false;
  return true;
}

const openWeights = (n: number) => weightedTable(Array.from({ length: n }, (_, i) => [i, n - i] as const));

/**
 * The default pipeline as the sales module creates it (ensureDefaultPipeline), a renewal
 * pipeline of four stages, and the won/lost reason lists; returns the ids deals use.
 */
export async function prepareSales(database: Database, rng: Random, workspaceId: string, adminUserId: string, atMs: number): Promise<SalesPlan> {
  await ensureDefaultPipeline(database.db, workspaceId, adminUserId);
  const [main] = await database.db.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.isDefault, true), isNull(pipelines.deletedAt)));
  const stages = await database.db.select({ id: pipelineStages.id, kind: pipelineStages.kind }).from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, main.id))).orderBy(asc(pipelineStages.position));
  const at = new Date(atMs);
  const renewalId = rng.uuidv7(atMs);
  const counts: Record<string, number> = {};
  counts.pipelines = 1 + (await loadRows(database, 'pipelines', [{
    workspace_id: workspaceId, id: renewalId, name: RENEWAL_PIPELINE.labels['zh-CN'], labels: RENEWAL_PIPELINE.labels, is_default: false, position: 1, currency: 'CNY',
    created_at: at, updated_at: at, created_by: adminUserId, updated_by: adminUserId,
  }]));
  const renewalStages = RENEWAL_PIPELINE.stages.map((s, position) => ({
    workspace_id: workspaceId, id: rng.uuidv7(atMs), pipeline_id: renewalId, name: s.labels['zh-CN'], labels: s.labels, position, kind: s.kind, probability: s.probability,
    required_fields: [], rotting_days: s.rottingDays, created_at: at, updated_at: at, created_by: adminUserId, updated_by: adminUserId,
  }));
  counts.pipeline_stages = stages.length + (await loadRows(database, 'pipeline_stages', renewalStages));
  const reasonRows = [...WON_REASONS.map((labels, position) => ({ kind: 'won', labels, position })), ...LOST_REASONS.map((labels, position) => ({ kind: 'lost', labels, position }))]
    .map((r) => ({ workspace_id: workspaceId, id: rng.uuidv7(atMs), key: r.labels.en.toLowerCase().replaceAll(' ', '_'), ...r, active: true }));
  counts.deal_reasons = await loadRows(database, 'deal_reasons', reasonRows);
  const plan = (id: string, list: Array<{ id: string; kind: string }>, names: readonly string[], medianYuan: number): PipelinePlan => {
    const open = list.filter((s) => s.kind === 'open').map((s) => s.id);
    return { id, open, won: list.find((s) => s.kind === 'won')!.id, lost: list.find((s) => s.kind === 'lost')!.id, openWeights: openWeights(open.length), names, medianYuan };
  };
  const reasons = (kind: string) => reasonRows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, label: r.labels['zh-CN'] }));
  return {
    pipelines: { main: plan(main.id, stages, DEAL_NAMES, 60_000), renewal: plan(renewalId, renewalStages, RENEWAL_NAMES, 25_000) },
    reasons: { won: reasons('won'), lost: reasons('lost') },
    counts,
  };
}

/** The contact a deal and its tasks are generated for (what the contacts loop knows of it). */
export interface SalesContact {
  id: string;
  name: string;
  accountId: string | null;
  accountName: string | null;
  ownerId: string;
  createdMs: number;
}

export interface SalesEmit {
  deal(row: Row): void;
  history(row: Row): void;
  task(row: Row): void;
}

/** Deal columns that other sales work added after the first deals table: written only where the table has them. */
export const OPTIONAL_DEAL_COLUMNS = ['forecast_category', 'close_reason_id', 'won_reason', 'last_activity_at', 'stage_entered_at', 'has_lines', 'lost_reason', 'reached_stage_ids', 'stalled_at'] as const;
/** The pipelines' stall days: the scale seed leaves both at the default (no deal_stall_settings rows). */
const STALL_DAYS = 14;

/**
 * Deals and tasks of one contact, as the sales module writes them: about one contact in five
 * has a deal (its primary contact, at its account, owned by its owner), created after the
 * contact over the two-year history; older deals are closed won or lost (about 40/60) with a
 * reason, open ones sit in the open stages (more in early ones); each stage passed has a
 * stage-history row with the seconds spent in the one before. Tasks and meetings relate to
 * the deal or the contact, done when past, open (some overdue) near the end of the history.
 */
export class SalesGenerator {
  constructor(
    private readonly workspaceId: string,
    private readonly plan: SalesPlan,
    private readonly untilMs: number,
  ) {}

  contact(rng: Random, c: SalesContact, emit: SalesEmit): { deals: number; tasks: number } {
    let tasks = 0;
    let deals = 0;
    if (rng.chance(DEAL_SHARE)) {
      const deal = this.deal(rng, c, emit);
      deals++;
      const n = rng.weighted(DEAL_TASKS);
      for (let i = 0; i < n; i++) emit.task(this.task(rng, c, { type: 'deal', id: deal.id }, deal.fromMs, deal.toMs));
      tasks += n;
    }
    const n = rng.weighted(CONTACT_TASKS);
    for (let i = 0; i < n; i++) emit.task(this.task(rng, c, { type: 'contact', id: c.id }, c.createdMs, this.untilMs + 14 * DAY_MS));
    return { deals, tasks: tasks + n };
  }

  private deal(rng: Random, c: SalesContact, emit: SalesEmit): { id: string; fromMs: number; toMs: number } {
    const renewal = c.accountId !== null && rng.chance(RENEWAL_SHARE);
    const p = renewal ? this.plan.pipelines.renewal : this.plan.pipelines.main;
    const created = c.createdMs + rng.next() * (this.untilMs - c.createdMs);
    const id = rng.uuidv7(created);
    // Sales cycle: log-normal, median about 45 days (renewals shorter).
    const cycleMs = Math.max(DAY_MS, Math.exp(Math.log(renewal ? 25 : 45) + 0.7 * gaussian(rng)) * DAY_MS);
    const expectedClose = created + cycleMs;
    // Past its expected close most deals are closed; some linger open, overdue.
    const closed = expectedClose < this.untilMs && rng.chance(0.93);
    const won = closed && rng.chance(WIN_RATE);
    // Stages passed: won deals all open stages, lost deals some, open deals up to where they sit.
    const reached = closed ? (won ? p.open.length : rng.int(1, p.open.length)) : rng.weighted(p.openWeights) + 1;
    const path = p.open.slice(0, reached);
    if (closed) path.push(won ? p.won : p.lost);
    const end = closed ? expectedClose : Math.min(this.untilMs - MINUTE_MS, Math.max(created + MINUTE_MS, created + rng.next() * (this.untilMs - created)));
    const times = [created, ...Array.from({ length: path.length - 1 }, () => created + rng.next() * (end - created)).sort((a, b) => a - b)];
    if (closed) times[times.length - 1] = end;
    for (let i = 0; i < path.length; i++) {
      emit.history({
        workspace_id: this.workspaceId, id: rng.uuidv7(times[i]), deal_id: id, pipeline_id: p.id, from_stage_id: i === 0 ? null : path[i - 1], to_stage_id: path[i],
        changed_at: new Date(times[i]), changed_by: c.ownerId, seconds_in_from: i === 0 ? null : Math.round((times[i] - times[i - 1]) / 1000),
      });
    }
    const stageEntered = times[times.length - 1];
    // Activity after entering the stage; a quarter of open deals have gone quiet (stalled).
    const lastActivity = closed ? end : rng.chance(0.25) ? stageEntered : stageEntered + rng.next() * (this.untilMs - stageEntered);
    const amountYuan = Math.max(1_000, Math.round(Math.exp(Math.log(p.medianYuan) + 0.9 * gaussian(rng)) / 100) * 100);
    const closeMs = closed ? end : expectedClose;
    const reason = closed ? rng.pick(won ? this.plan.reasons.won : this.plan.reasons.lost) : null;
    emit.deal({
      workspace_id: this.workspaceId, id, name: `${c.accountName ?? c.name} ${rng.pick(p.names)}`, pipeline_id: p.id, stage_id: path[path.length - 1],
      status: closed ? (won ? 'won' : 'lost') : 'open', amount_minor: amountYuan * 100, currency: 'CNY', close_date: new Date(closeMs).toISOString().slice(0, 10),
      probability: null, forecast_category: null, owner_id: c.ownerId, account_id: c.accountId, primary_contact_id: c.id, source: rng.weighted(SOURCES), has_lines: false,
      won_reason: won ? reason!.label : null, lost_reason: closed && !won ? reason!.label : null, close_reason_id: reason?.id ?? null,
      closed_at: closed ? new Date(end) : null, stage_entered_at: new Date(stageEntered), last_activity_at: new Date(lastActivity),
      // "Stalled since", as the deals_stalled_at trigger keeps it (paused during the load).
      stalled_at: closed ? null : new Date(lastActivity + STALL_DAYS * DAY_MS),
      reached_stage_ids: path, tags: [], custom: {}, created_at: new Date(created), updated_at: new Date(Math.max(lastActivity, stageEntered)), created_by: c.ownerId, updated_by: c.ownerId,
    });
    return { id, fromMs: created, toMs: closed ? end : this.untilMs + 21 * DAY_MS };
  }

  private task(rng: Random, c: SalesContact, related: { type: 'deal' | 'contact'; id: string }, fromMs: number, toMs: number): Row {
    const at = fromMs + rng.next() * Math.max(DAY_MS, toMs - fromMs);
    const meeting = rng.chance(0.2);
    const created = Math.max(fromMs, at - rng.int(1, 10) * DAY_MS);
    // Past items are mostly done; a few stay open (overdue) or were cancelled.
    const past = at < this.untilMs;
    const roll = rng.next();
    const status = past && at < this.untilMs - 3 * DAY_MS ? (roll < 0.9 ? 'done' : roll < 0.94 ? 'cancelled' : 'open') : past && roll < 0.3 ? 'done' : 'open';
    const completed = status === 'done' ? Math.min(this.untilMs, at + rng.next() * DAY_MS) : null;
    const start = meeting ? Math.round(at / (30 * MINUTE_MS)) * 30 * MINUTE_MS : null;
    const title = meeting ? rng.pick(MEETING_TITLES) : `${rng.pick(TASK_TITLES)}：${c.name}`;
    return {
      workspace_id: this.workspaceId, id: rng.uuidv7(created), kind: meeting ? 'meeting' : 'task', title, description: null, status, priority: rng.weighted(PRIORITIES),
      due_at: meeting ? null : new Date(at), start_at: start === null ? null : new Date(start), end_at: start === null ? null : new Date(start + rng.pick([30, 60, 60, 90, 120]) * MINUTE_MS),
      all_day: false, location: meeting ? rng.pick(LOCATIONS) : null, owner_id: c.ownerId, related_type: related.type, related_id: related.id,
      completed_at: completed === null ? null : new Date(completed), completed_by: completed === null ? null : c.ownerId,
      created_at: new Date(created), updated_at: new Date(completed ?? created), created_by: c.ownerId, updated_by: c.ownerId,
    };
  }
}

/** A standard normal draw (Box–Muller) from the seeded source. */
function gaussian(rng: Random): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * What the product writes beside deals and meetings, derived in SQL once they are loaded
 * (no ids are kept in memory): each deal's primary contact as a stakeholder (createDeal), and
 * a meeting's attendees: its owner and the contact it is about (or its deal's primary
 * contact). Attendee ids are derived from the meeting's id, so they repeat for a seed.
 */
export async function loadSalesLinks(database: Database, workspaceId: string): Promise<{ deal_contacts: number; task_attendees: number }> {
  const dealContacts = await database.query<{ n: number }>(
    `with added as (insert into deal_contacts (workspace_id, deal_id, contact_id, role, is_primary, created_at, created_by)
       select workspace_id, id, primary_contact_id, null, true, created_at, created_by from deals where workspace_id = $1 and primary_contact_id is not null
       returning 1) select count(*)::int as n from added`, [workspaceId]);
  const attendees = await database.query<{ n: number }>(
    `with added as (insert into task_attendees (workspace_id, id, task_id, user_id, contact_id, response)
       select t.workspace_id, md5(t.id::text || ':owner')::uuid, t.id, t.owner_id, null, 'accepted' from tasks t where t.workspace_id = $1 and t.kind = 'meeting'
       union all
       select t.workspace_id, md5(t.id::text || ':contact')::uuid, t.id, null, coalesce(d.primary_contact_id, t.related_id),
              case when t.status = 'done' then 'accepted' else 'needs_action' end
         from tasks t left join deals d on t.related_type = 'deal' and d.workspace_id = t.workspace_id and d.id = t.related_id
        where t.workspace_id = $1 and t.kind = 'meeting'
       returning 1) select count(*)::int as n from added`, [workspaceId]);
  return { deal_contacts: dealContacts[0].n, task_attendees: attendees[0].n };
}

/**
 * Triggers keep derived deal data: the kanban's column totals (deal_board_totals, on deals),
 * the stages each deal entered (deals.reached_stage_ids, on deal_stage_history) and the sales
 * performance rollups (on deals, deal_stage_history and tasks), and each deal's "stalled since"
 * (deals.stalled_at). The bulk load switches them off: the generator writes reached_stage_ids
 * and stalled_at itself, and the totals and rollups are summed once afterwards, as the
 * migrations that added them did. Returns what was paused.
 */
export async function pauseSalesTriggers(database: Database): Promise<string[]> {
  const paused: string[] = [];
  const triggers = [
    ['deals', 'deals_board_totals'], ['deal_stage_history', 'deal_stage_history_reached'],
    ['deals', 'deals_performance_rollups'], ['deals', 'deals_delete_moves_rollup'], ['deal_stage_history', 'deal_stage_history_move_rollups'], ['tasks', 'tasks_done_rollups'],
    ['deals', 'deals_stalled_at'],
  ] as const;
  for (const [table, trigger] of triggers) {
    const [found] = await database.query<{ n: number }>('select count(*)::int as n from pg_trigger where tgname = $1', [trigger]);
    if (!found?.n) continue;
    await database.exec(`alter table ${table} disable trigger ${trigger}`);
    paused.push(`${table}.${trigger}`);
  }
  return paused;
}

export async function resumeSalesTriggers(database: Database, workspaceId: string, paused: string[]): Promise<void> {
  for (const name of paused) {
    const [table, trigger] = name.split('.');
    await database.exec(`alter table ${table} enable trigger ${trigger}`);
  }
  if (paused.includes('deals.deals_performance_rollups')) await database.query('select sales_performance_rollups_rebuild($1)', [workspaceId]);
  if (!paused.includes('deals.deals_board_totals')) return;
  await database.query('delete from deal_board_totals where workspace_id = $1', [workspaceId]);
  await database.query(
    `insert into deal_board_totals (workspace_id, pipeline_id, stage_id, owner_id, currency, deal_count, amount_minor)
     select workspace_id, pipeline_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), currency, count(*), coalesce(sum(amount_minor), 0)
       from deals where workspace_id = $1 and deleted_at is null group by 1, 2, 3, 4, 5`, [workspaceId]);
}

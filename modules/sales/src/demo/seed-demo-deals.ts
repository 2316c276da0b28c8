import { and, asc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { computeLineTotals } from '@voyage/contracts';
import { newId, recordTableOf, type Database, type Queryable, localized } from '@voyage/kernel';
import { competitors, dealCompetitors, dealContacts, dealReasons, deals, dealStageHistory, pipelines, pipelineStages } from '../db/pipelines';
import { dealLines, priceBookEntries, priceBooks, products } from '../db/products';
import { tasks } from '../db/tasks';
import { ensureDefaultPipeline } from '../pipelines/default-pipeline';

const DAY = 86_400_000;
const l = localized;
const WON_REASONS = [l('产品功能匹配', '產品功能匹配', 'Product fit'), l('价格有竞争力', '價格有競爭力', 'Competitive price'), l('客户关系良好', '客戶關係良好', 'Strong relationship')];
const LOST_REASONS = [l('价格太高', '價格太高', 'Price too high'), l('选择了竞争对手', '選擇了競爭對手', 'Chose a competitor'), l('预算取消', '預算取消', 'Budget cancelled'), l('时机不对', '時機不對', 'Bad timing')];
const COMPETITORS = [
  { name: 'Salesforce', website: 'https://www.salesforce.com', strengths: '品牌与生态完善', weaknesses: '价格高，本地化弱' },
  { name: '纷享销客', website: 'https://www.fxiaoke.com', strengths: '移动端体验好', weaknesses: '定制能力有限' },
  { name: '销售易', website: 'https://www.xiaoshouyi.com', strengths: '大客户案例多', weaknesses: '实施周期长' },
];
const DEAL_NAMES = ['CRM 升级项目', '销售云部署', '客服中心建设', '渠道管理平台', '年度订阅续费', '数据迁移项目', '全员培训', '移动销售试点'];
const ROLES = ['决策人', '技术评估', '采购', '使用者代表'];
const TASK_TITLES = ['电话跟进报价', '发送方案书', '准备演示环境', '确认采购流程', '整理需求清单', '回访关键人'];
const MEETING_TITLES = ['产品演示会', '需求访谈', '商务谈判', '项目启动会'];
/** Owners of demo deals, in turn (sales staff only). */
const OWNER_KEYS = ['east_rep', 'east_rep_en', 'south_rep', 'east_lead', 'sales_director'];

/** A small deterministic generator, so every fresh demo database gets the same deals. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; return s / 2 ** 32; };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

async function recordRows(db: Queryable, workspaceId: string, object: string, keys: string[], limit: number): Promise<Array<Record<string, string | null>>> {
  const t = recordTableOf(object);
  if (!t) return [];
  const columns = getTableColumns(t.table) as Record<string, PgColumn | undefined>;
  const pick = Object.fromEntries(keys.flatMap((k) => (columns[k] ? [[k, columns[k]!]] : [])));
  if (!pick.id) return [];
  return (await db.select(pick).from(t.table).where(and(eq(t.workspaceId, workspaceId), t.deletedAt ? isNull(t.deletedAt) : undefined)).orderBy(asc(t.id)).limit(limit)) as Array<Record<string, string | null>>;
}

/**
 * The demo pipeline's deals (S2/S3): ~40 across the default pipeline's stages with product
 * lines, owners among the demo sales staff, won and lost ones over the last two years with
 * reasons and competitors, stakeholders, and ~30 tasks and meetings around today. Runs once.
 */
export async function seedDemoDeals(ctx: { database: Database; workspaceId: string; adminUserId: string; userIds: Record<string, string> }): Promise<void> {
  const { workspaceId, adminUserId } = ctx;
  const rnd = generator(20_261_123);
  const now = Date.now();
  await ctx.database.db.transaction(async (tx) => {
    const [seeded] = await tx.select({ id: dealReasons.id }).from(dealReasons).where(eq(dealReasons.workspaceId, workspaceId)).limit(1);
    if (seeded) return;
    await ensureDefaultPipeline(tx, workspaceId, adminUserId);
    const [pipeline] = await tx.select().from(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.isDefault, true), isNull(pipelines.deletedAt)));
    const stages = await tx.select().from(pipelineStages).where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, pipeline.id), isNull(pipelineStages.deletedAt))).orderBy(asc(pipelineStages.position));
    const open = stages.filter((s) => s.kind === 'open');
    const wonStage = stages.find((s) => s.kind === 'won')!;
    const lostStage = stages.find((s) => s.kind === 'lost')!;
    const owners = OWNER_KEYS.map((k) => ctx.userIds[k]).filter(Boolean);
    if (owners.length === 0) owners.push(adminUserId);

    const reasonRows = [...WON_REASONS.map((labels, position) => ({ kind: 'won' as const, labels, position })), ...LOST_REASONS.map((labels, position) => ({ kind: 'lost' as const, labels, position }))]
      .map((r) => ({ workspaceId, id: newId(), key: r.labels.en.toLowerCase().replaceAll(' ', '_'), ...r }));
    await tx.insert(dealReasons).values(reasonRows);
    const competitorRows = COMPETITORS.map((c) => ({ workspaceId, id: newId(), ...c, createdBy: adminUserId, updatedBy: adminUserId }));
    await tx.insert(competitors).values(competitorRows);

    const accounts = await recordRows(tx, workspaceId, 'account', ['id', 'name'], 40);
    const contacts = await recordRows(tx, workspaceId, 'contact', ['id', 'accountId'], 600);
    const [book] = await tx.select({ id: priceBooks.id }).from(priceBooks).where(and(eq(priceBooks.workspaceId, workspaceId), eq(priceBooks.currency, 'CNY'), eq(priceBooks.isDefault, true), isNull(priceBooks.deletedAt)));
    const catalogue = book
      ? await tx.select({ id: products.id, price: priceBookEntries.listPriceMinor }).from(products)
        .innerJoin(priceBookEntries, and(eq(priceBookEntries.workspaceId, products.workspaceId), eq(priceBookEntries.productId, products.id), eq(priceBookEntries.priceBookId, book.id)))
        .where(and(eq(products.workspaceId, workspaceId), eq(products.isBundle, false))).orderBy(asc(products.sku))
      : [];

    const dealRows: Array<typeof deals.$inferInsert> = [];
    const history: Array<typeof dealStageHistory.$inferInsert> = [];
    const lines: Array<typeof dealLines.$inferInsert> = [];
    const people: Array<typeof dealContacts.$inferInsert> = [];
    const rivals: Array<typeof dealCompetitors.$inferInsert> = [];
    for (let i = 0; i < 40; i++) {
      const id = newId();
      const account = accounts.length ? accounts[i % accounts.length] : null;
      // 26 open (spread over the stages), 8 won and 6 lost over the last two years.
      const stage = i < 26 ? open[i % open.length] : i < 34 ? wonStage : lostStage;
      const created = new Date(now - (stage.kind === 'open' ? 5 + rnd.int(80) : 60 + rnd.int(660)) * DAY);
      const closedAt = stage.kind === 'open' ? null : new Date(created.getTime() + (20 + rnd.int(40)) * DAY);
      // Some open deals have gone quiet, so the stalled marker and alert have something to show.
      const lastActivity = stage.kind === 'open' ? new Date(now - (i % 5 === 0 ? 16 + rnd.int(20) : rnd.int(10)) * DAY) : closedAt!;
      const dealLinesHere = catalogue.length ? [0, 1].slice(0, 1 + rnd.int(2)).map((n) => {
        const product = catalogue[(i + n * 2) % catalogue.length];
        const quantity = 1 + rnd.int(20);
        const discountPct = rnd.pick([0, 0, 5, 10]);
        return { productId: product.id, quantity, unitPriceMinor: product.price, listPriceMinor: product.price, discountPct, taxPct: 6, ...computeLineTotals({ quantity, unitPriceMinor: product.price, discountPct, taxPct: 6 }) };
      }) : [];
      const amountMinor = dealLinesHere.length ? dealLinesHere.reduce((s, l) => s + l.totalMinor, 0) : (5 + rnd.int(95)) * 10_000_00;
      const won = stage.kind === 'won' ? reasonRows.filter((r) => r.kind === 'won')[i % WON_REASONS.length] : null;
      const lost = stage.kind === 'lost' ? reasonRows.filter((r) => r.kind === 'lost')[i % LOST_REASONS.length] : null;
      const competitor = competitorRows[i % competitorRows.length];
      const lostTo = lost && i % 2 === 0 ? competitor : null;
      const accountContacts = account ? contacts.filter((c) => c.accountId === account.id).slice(0, 3) : [];
      const primary = accountContacts[0]?.id ?? null;
      dealRows.push({
        workspaceId, id, name: `${account?.name ?? '演示客户'} ${DEAL_NAMES[i % DEAL_NAMES.length]}`, pipelineId: pipeline.id, stageId: stage.id, status: stage.kind,
        amountMinor, currency: 'CNY', closeDate: new Date((closedAt ?? new Date(now + (10 + rnd.int(120)) * DAY)).getTime()).toISOString().slice(0, 10),
        probability: stage.probability, ownerId: owners[i % owners.length], accountId: account?.id ?? null, primaryContactId: primary,
        source: rnd.pick(['官网', '展会', '老客户推荐', '电话营销']), hasLines: dealLinesHere.length > 0,
        wonReason: won ? won.labels['zh-CN'] : null, lostReason: lost ? lost.labels['zh-CN'] : null, closeReasonId: won?.id ?? lost?.id ?? null, lostToCompetitorId: lostTo?.id ?? null,
        closedAt, stageEnteredAt: closedAt ?? new Date(created.getTime() + DAY), lastActivityAt: lastActivity,
        createdAt: created, updatedAt: lastActivity, createdBy: adminUserId, updatedBy: adminUserId,
      });
      history.push({ workspaceId, id: newId(), dealId: id, pipelineId: pipeline.id, fromStageId: null, toStageId: open[0].id, changedAt: created, changedBy: adminUserId, secondsInFrom: null });
      if (stage.id !== open[0].id) history.push({ workspaceId, id: newId(), dealId: id, pipelineId: pipeline.id, fromStageId: open[0].id, toStageId: stage.id, changedAt: closedAt ?? new Date(created.getTime() + DAY), changedBy: adminUserId, secondsInFrom: closedAt ? Math.round((closedAt.getTime() - created.getTime()) / 1000) : 86_400 });
      dealLinesHere.forEach((line, position) => lines.push({ ...line, workspaceId, id: newId(), dealId: id, priceBookId: book?.id ?? null, position, quantity: String(line.quantity), discountPct: String(line.discountPct), taxPct: String(line.taxPct), createdBy: adminUserId, updatedBy: adminUserId }));
      accountContacts.forEach((c, n) => people.push({ workspaceId, dealId: id, contactId: c.id!, role: ROLES[n % ROLES.length], isPrimary: n === 0, createdBy: adminUserId }));
      if (lostTo) rivals.push({ workspaceId, dealId: id, competitorId: lostTo.id, status: 'lost_to' });
      else if (i % 4 === 1) rivals.push({ workspaceId, dealId: id, competitorId: competitor.id, status: stage.kind === 'won' ? 'won_against' : 'active' });
    }
    await tx.insert(deals).values(dealRows);
    await tx.insert(dealStageHistory).values(history);
    if (lines.length) await tx.insert(dealLines).values(lines);
    if (people.length) await tx.insert(dealContacts).values(people);
    if (rivals.length) await tx.insert(dealCompetitors).values(rivals);

    // Tasks and meetings on the open deals: overdue, today and coming up.
    const openDeals = dealRows.filter((d) => d.status === 'open');
    const today = new Date(now);
    today.setHours(10, 0, 0, 0);
    const taskRows: Array<typeof tasks.$inferInsert> = [];
    for (let i = 0; i < 30; i++) {
      const deal = openDeals[i % openDeals.length];
      const dayOffset = i < 8 ? -(1 + (i % 5)) : i < 16 ? 0 : 1 + ((i - 16) % 14);
      const at = new Date(today.getTime() + dayOffset * DAY + (i % 4) * 3_600_000);
      const meeting = i % 3 === 0;
      taskRows.push({
        workspaceId, id: newId(), kind: meeting ? 'meeting' : 'task', title: meeting ? MEETING_TITLES[i % MEETING_TITLES.length] : TASK_TITLES[i % TASK_TITLES.length],
        priority: rnd.pick(['normal', 'normal', 'high', 'low', 'urgent'] as const), ownerId: deal.ownerId, relatedType: 'deal', relatedId: deal.id,
        dueAt: meeting ? null : at, startAt: meeting ? at : null, endAt: meeting ? new Date(at.getTime() + 3_600_000) : null, location: meeting ? '客户现场' : null,
        createdBy: adminUserId, updatedBy: adminUserId,
      });
    }
    await tx.insert(tasks).values(taskRows);
  });
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { TForecastCategory, TWinProbabilityResponse } from '@voyage/contracts';
import { can, fieldRule, schema, scopedWhere, translate, type Context } from '@voyage/kernel';
import { deals, pipelineStages, pipelines } from '../db/pipelines';
import { loadDealFacts } from './deal-features';
import { assertAmountsVisible, effectiveCategory } from './forecast-access';
import { predictProbability } from './logistic-regression';
import { MIN_CLOSED_DEALS, MIN_PER_OUTCOME, featureRow, workspaceWinModel } from './win-probability-model';

/**
 * The win-probability model's figures (trained on the workspace's closed deals) and the open
 * deals in the reader's scope, each with the model's probability beside its stage probability.
 */
export async function winProbability(ctx: Context, query: { limit: number; offset: number; pipelineId?: string }): Promise<TWinProbabilityResponse> {
  assertAmountsVisible(ctx);
  const now = new Date();
  const scope = await scopedWhere(ctx, deals, 'deal', { access: 'read' });
  // A rep may set the category of deals they may edit, unless the field is read-only for their role.
  const editable = can(ctx.actor, 'deal', 'update') && !fieldRule(ctx.actor, 'deal', 'forecastCategory') ? await scopedWhere(ctx, deals, 'deal', { access: 'update' }) : sql`false`;
  const open = and(scope, eq(deals.status, 'open'), query.pipelineId ? eq(deals.pipelineId, query.pipelineId) : undefined);
  const model = await workspaceWinModel(ctx.db, ctx.workspaceId, now);
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(deals).where(open);
  const facts = await loadDealFacts(ctx.db, ctx.workspaceId, open, now, { limit: query.limit, offset: query.offset, orderBy: [sql`${deals.closeDate} asc nulls last`, asc(deals.name), asc(deals.id)] });
  const ids = facts.map((f) => f.id);
  const details = ids.length ? await ctx.db.select({
    id: deals.id, name: deals.name, version: deals.version, ownerId: deals.ownerId, ownerName: schema.users.name, currency: deals.currency,
    closeDate: deals.closeDate, category: deals.forecastCategory, stageName: pipelineStages.name, stageLabels: pipelineStages.labels,
    probability: sql<number>`coalesce(${deals.probability}, ${pipelineStages.probability})`.mapWith(Number),
    canEdit: sql<boolean>`(${editable})`,
  }).from(deals)
    .innerJoin(pipelineStages, and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)))
    .innerJoin(pipelines, and(eq(pipelines.workspaceId, deals.workspaceId), eq(pipelines.id, deals.pipelineId)))
    .leftJoin(schema.users, eq(schema.users.id, deals.ownerId))
    .where(and(eq(deals.workspaceId, ctx.workspaceId), sql`${deals.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)) : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const data = facts.map((f) => {
    const d = byId.get(f.id)!;
    const modelProbability = model.model ? Math.round(predictProbability(model.model, featureRow(f, model)) * 1000) / 10 : null;
    return {
      id: f.id, name: d.name, version: d.version, ownerId: d.ownerId, ownerName: d.ownerName, stageName: d.stageLabels[ctx.locale] ?? d.stageName,
      amountMinor: f.amount, currency: d.currency, closeDate: d.closeDate ? String(d.closeDate) : null, stageProbability: d.probability, modelProbability,
      forecastCategory: d.category as TForecastCategory | null, effectiveCategory: effectiveCategory(d.category as TForecastCategory | null, d.probability), canEdit: Boolean(d.canEdit),
    };
  });
  const pipelineNames = new Map((await ctx.db.select({ id: pipelines.id, name: pipelines.name, labels: pipelines.labels }).from(pipelines).where(eq(pipelines.workspaceId, ctx.workspaceId))).map((p) => [p.id, p.labels[ctx.locale] ?? p.name]));
  return {
    model: {
      trained: model.trained, closedDeals: model.closedDeals, won: model.won, lost: model.lost,
      auc: model.auc === null ? null : Math.round(model.auc * 1000) / 1000, heldOut: model.heldOut,
      features: model.model ? model.featureNames.map((name, i) => ({ name: name.startsWith('pipeline:') ? `pipeline:${pipelineNames.get(name.slice(9)) ?? name.slice(9)}` : name, weight: Math.round(model.model!.weights[i + 1] * 1000) / 1000 })) : [],
      trainedAt: model.trained ? model.trainedAt.toISOString() : null,
      notEnoughHistory: model.trained ? null : {
        have: model.closedDeals, need: MIN_CLOSED_DEALS,
        message: translate(ctx.locale, 'sales.forecast.need_closed_deals', { have: model.closedDeals, won: model.won, lost: model.lost, need: MIN_CLOSED_DEALS, perClass: MIN_PER_OUTCOME }),
      },
    },
    total, data,
  };
}

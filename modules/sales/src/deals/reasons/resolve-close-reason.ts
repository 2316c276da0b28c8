import { and, eq } from 'drizzle-orm';
import { reasonLabel, type TMoveDealRequest } from '@voyage/contracts';
import { AppError, translate, type Context } from '@voyage/kernel';
import { dealReasons } from '../../db/pipelines';
import { DEAL_ERRORS } from '../deal-messages';

export interface CloseReason {
  /** The text kept on the deal (won_reason / lost_reason): the note given, else the picked label. */
  text: string;
  reasonId: string | null;
}

/**
 * The reason a deal is won or lost with. When the workspace keeps a list of that kind, one of
 * its active reasons must be picked (`wonReasonId` / `lostReasonId`), and free text is a note
 * beside it; with no list, the free text is the reason (how the API has always worked).
 */
export async function resolveCloseReason(ctx: Context, kind: 'won' | 'lost', input: TMoveDealRequest): Promise<CloseReason> {
  const idField = kind === 'won' ? 'wonReasonId' : 'lostReasonId';
  const textField = kind === 'won' ? 'wonReason' : 'lostReason';
  const list = await ctx.db.select().from(dealReasons)
    .where(and(eq(dealReasons.workspaceId, ctx.workspaceId), eq(dealReasons.kind, kind), eq(dealReasons.active, true)));
  const status = translate(ctx.locale, `sales.status.${kind}`);
  if (list.length === 0) {
    const text = input[textField];
    if (!text) throw reasonError(ctx, DEAL_ERRORS.reasonRequired, textField, status);
    return { text, reasonId: null };
  }
  const picked = list.find((r) => r.id === input[idField]);
  if (!picked) throw reasonError(ctx, DEAL_ERRORS.reasonFromList, idField, status);
  return { text: input[textField] ?? reasonLabel(picked.labels, ctx.locale), reasonId: picked.id };
}

function reasonError(ctx: Context, code: string, field: string, status: string): AppError {
  return new AppError(code, {
    message: translate(ctx.locale, code, { field, status }),
    details: { fields: [{ field, code: 'required', message: translate(ctx.locale, 'sales.field.required', { field }) }] },
  });
}

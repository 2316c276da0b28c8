import { and, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import type { TDuplicateCheckResponse, TDuplicateMatch } from '@voyage/contracts';
import { applyFieldSecurity, scopedWhere, translate, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { CustomerTable, RecordKind } from '../record-kinds';

type Reason = TDuplicateMatch['reasons'][number];

/** Matches shown at most; the strongest first. */
export const MAX_DUPLICATE_MATCHES = 10;

interface Candidate {
  name: string;
  ownerName: string | null;
  reasons: Set<Reason>;
  score: number;
}

/** Collects candidates found by several rules, merging the reasons of one record. */
export class DuplicateCandidates {
  private readonly byId = new Map<string, Candidate>();

  /** Rows found by one rule; `score` defaults to 1 (an exact email or phone). */
  add(rows: Array<{ id: string; name: string; ownerName: string | null; score?: number }>, reason: Reason): void {
    for (const row of rows) {
      const score = row.score ?? 1;
      const current = this.byId.get(row.id) ?? { name: row.name, ownerName: row.ownerName, reasons: new Set<Reason>(), score: 0 };
      current.reasons.add(reason);
      current.score = Math.max(current.score, score);
      this.byId.set(row.id, current);
    }
  }

  /**
   * The strongest matches, as the actor may see them: a record outside the actor's data
   * scope still warns, but shows neither its id nor its name, only whom to ask.
   */
  async toResponse(ctx: Context, kind: RecordKind): Promise<TDuplicateCheckResponse> {
    const best = [...this.byId.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, MAX_DUPLICATE_MATCHES);
    if (!best.length) return { matches: [] };
    const t = kind.table as typeof contacts;
    const scope: SQL = await scopedWhere(ctx, t, kind.object);
    const visible = new Set((await ctx.db.select({ id: t.id }).from(t).where(and(scope, inArray(t.id, best.map(([id]) => id))))).map((r) => r.id));
    const hidden = translate(ctx.locale, 'customers.duplicate_hidden');
    return {
      matches: best.map(([id, c]) => {
        const accessible = visible.has(id);
        const title = accessible ? (applyFieldSecurity(ctx.actor, kind.object, [{ name: c.name }])[0].name ?? hidden) : hidden;
        return { id: accessible ? id : null, title, accessible, reasons: [...c.reasons], score: Math.round(c.score * 1000) / 1000, ownerName: c.ownerName };
      }),
    };
  }
}

/** Live records of the workspace other than the one being edited. Data scope applies to what is shown, not to what warns. */
export function liveRecords(ctx: Context, table: CustomerTable, excludeId: string | undefined): SQL {
  const t = table as typeof contacts;
  return and(eq(t.workspaceId, ctx.workspaceId), isNull(t.deletedAt), excludeId ? ne(t.id, excludeId) : undefined)!;
}

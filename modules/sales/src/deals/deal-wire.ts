import { getTableColumns } from 'drizzle-orm';
import { deals, type DealRow } from '../db/pipelines';

/** Columns a deal shows on the wire ("stalled since", the workflow's date, stays inside). */
export function dealColumns() {
  const { workspaceId: _w, stalledAt: _s, createdBy: _cb, updatedBy: _ub, ...rest } = getTableColumns(deals);
  return rest;
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** A deal row as the API shows it: dates as ISO text. */
export function dealToWire(row: Partial<DealRow>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const key of ['closedAt', 'stageEnteredAt', 'lastActivityAt', 'stalledAt', 'createdAt', 'updatedAt', 'deletedAt'] as const) if (key in row) out[key] = iso(row[key]);
  if (typeof row.closeDate === 'object' && row.closeDate !== null) out.closeDate = (row.closeDate as Date).toISOString().slice(0, 10);
  return out;
}

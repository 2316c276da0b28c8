import { getTableColumns } from 'drizzle-orm';
import { leads, type LeadRow } from '../db/leads';

/** Columns a lead shows on the wire: no workspace, no E.164 copies (they would bypass a phone mask). */
export function leadColumns() {
  const { workspaceId: _w, phoneE164: _p, mobileE164: _m, convertedBy: _cb, createdBy: _c, updatedBy: _u, ...rest } = getTableColumns(leads);
  return rest;
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** A lead row as the API shows it: dates as ISO text, internal columns left out. */
export function leadToWire(row: Partial<LeadRow>): Record<string, unknown> {
  const { workspaceId: _w, phoneE164: _p, mobileE164: _m, convertedBy: _cb, createdBy: _c, updatedBy: _u, ...rest } = row;
  const out: Record<string, unknown> = { ...rest };
  for (const key of ['convertedAt', 'createdAt', 'updatedAt', 'deletedAt'] as const) if (key in row) out[key] = iso(row[key]);
  return out;
}

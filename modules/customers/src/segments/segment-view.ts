import type { TRuleGroup, TSegment } from '@voyage/contracts';
import type { SegmentRow } from './segment-access';

export function segmentView(row: SegmentRow, count?: number): TSegment {
  return {
    id: row.id, name: row.name, description: row.description, object: row.object as TSegment['object'], kind: row.kind as TSegment['kind'],
    rules: (row.rules as TRuleGroup | null) ?? null, shared: row.shared, ownerId: row.ownerId,
    ...(count === undefined ? {} : { count }),
    version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

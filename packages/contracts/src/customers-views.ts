import { z } from 'zod';
import { LIFECYCLE_STAGES } from './customers';
import { LIST_OPERATORS } from './records';

// ---- Saved list views ----

export const LIST_VIEW_OBJECTS = ['contact', 'account'] as const;
export const ZListViewObject = z.enum(LIST_VIEW_OBJECTS);

/**
 * One condition of a view, the same as a list filter `filter[<field>][<op>]=<value>`.
 * Lists (`in`, `between`) are arrays; `me` as the value of `ownerId` means whoever uses the view.
 */
export const ZListViewFilter = z.object({
  field: z.string().min(1).max(100),
  op: z.enum(LIST_OPERATORS),
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(100), z.null()]).optional(),
}).strict();
export type TListViewFilter = z.infer<typeof ZListViewFilter>;

/** What a view restores on the list page: conditions (all must match), sort, visible columns in order, name search. */
export const ZListViewState = z.object({
  filters: z.array(ZListViewFilter).max(30).default([]),
  sort: z.string().max(300).optional().describe('As the list `sort` parameter: `-updatedAt`, `name`'),
  columns: z.array(z.string().min(1).max(100)).max(60).optional().describe('Visible columns after the name, in order: built-in fields or `custom.<key>`; absent means the default columns'),
  q: z.string().max(200).optional().describe('Name search'),
}).strict();
export type TListViewState = z.infer<typeof ZListViewState>;

/** A saved view of the contacts or accounts list. `editable` is true for the actor's own views. */
export const ZListView = z.object({
  id: z.string(),
  object: ZListViewObject,
  name: z.string(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  shared: z.boolean(),
  state: ZListViewState,
  position: z.number(),
  version: z.number(),
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TListView = z.infer<typeof ZListView>;

export const ZListViewListQuery = z.object({ object: ZListViewObject, lang: z.string().max(10).optional() }).strict();
export type TListViewListQuery = z.infer<typeof ZListViewListQuery>;
/** Your own views first (by position), then views others share with the workspace. */
export const ZListViewListResponse = z.object({ data: z.array(ZListView) });
export type TListViewListResponse = z.infer<typeof ZListViewListResponse>;

const ZViewName = z.string().trim().min(1).max(100);

export const ZCreateListViewRequest = z.object({
  object: ZListViewObject,
  name: ZViewName,
  shared: z.boolean().optional().describe('Offer the view to everyone in the workspace (needs the object\'s update right)'),
  state: ZListViewState,
}).strict();
export type TCreateListViewRequest = z.infer<typeof ZCreateListViewRequest>;

/** Only the owner changes a view; send its version (stale → 409). */
export const ZUpdateListViewRequest = z.object({
  version: z.number().int().min(1),
  name: ZViewName.optional(),
  shared: z.boolean().optional(),
  state: ZListViewState.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
}).strict();
export type TUpdateListViewRequest = z.infer<typeof ZUpdateListViewRequest>;

// ---- Bulk actions on the list ----

/** Why a record of a bulk action was left alone: out of the data scope, or visible but not yours to change. */
export const BULK_RECORD_SKIP_REASONS = ['not_found', 'read_only'] as const;
const ZBulkSkipped = z.array(z.object({ id: z.string(), reason: z.enum(BULK_RECORD_SKIP_REASONS) }));

export const ZBulkStageRequest = z.object({
  ids: z.array(z.uuid()).min(1).max(500),
  stage: z.enum(LIFECYCLE_STAGES).nullable().describe('The new lifecycle stage; null clears it'),
}).strict();
export type TBulkStageRequest = z.infer<typeof ZBulkStageRequest>;
export const ZBulkStageResponse = z.object({
  updated: z.array(z.string()),
  unchanged: z.array(z.string()).describe('Already at that stage'),
  skipped: ZBulkSkipped,
});
export type TBulkStageResponse = z.infer<typeof ZBulkStageResponse>;

export const ZBulkRecordIdsRequest = z.object({ ids: z.array(z.uuid()).min(1).max(500) }).strict();
export type TBulkRecordIdsRequest = z.infer<typeof ZBulkRecordIdsRequest>;
/** Moved to the trash (restorable), and those left alone. */
export const ZBulkDeleteResponse = z.object({ deleted: z.array(z.string()), skipped: ZBulkSkipped });
export type TBulkDeleteResponse = z.infer<typeof ZBulkDeleteResponse>;
/** Brought back from the trash, and those left alone (not in the trash, or not yours to restore). */
export const ZBulkRestoreResponse = z.object({ restored: z.array(z.string()), skipped: ZBulkSkipped });
export type TBulkRestoreResponse = z.infer<typeof ZBulkRestoreResponse>;

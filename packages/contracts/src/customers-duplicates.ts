import { z } from 'zod';
import { DUPLICATE_REASONS } from './customers';

export const DUPLICATE_OBJECTS = ['contact', 'account'] as const;
export const DUPLICATE_PAIR_STATUSES = ['open', 'merged', 'dismissed'] as const;
export const DUPLICATE_SCAN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** `POST /api/v1/duplicates/scans`: run the duplicate finder over the workspace's records of one object. */
export const ZDuplicateScanRequest = z.object({ object: z.enum(DUPLICATE_OBJECTS) }).strict();
export type TDuplicateScanRequest = z.infer<typeof ZDuplicateScanRequest>;

/** One run of the finder: poll it while `status` is queued or running (`progress` 0–100). */
export const ZDuplicateScan = z.object({
  id: z.string(),
  object: z.enum(DUPLICATE_OBJECTS),
  status: z.enum(DUPLICATE_SCAN_STATUSES),
  progress: z.number(),
  found: z.number().describe('Pairs the run found (new and already queued)'),
  added: z.number().describe('Pairs new to the review queue'),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TDuplicateScan = z.infer<typeof ZDuplicateScan>;

/** A record of a pair as the reviewer may see it (field security applied). */
export const ZDuplicatePairRecord = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  mobile: z.string().nullable().optional(),
  accountName: z.string().nullable().optional(),
  industry: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  followUpCount: z.number(),
});
export type TDuplicatePairRecord = z.infer<typeof ZDuplicatePairRecord>;

export const ZDuplicatePair = z.object({
  id: z.string(),
  object: z.enum(DUPLICATE_OBJECTS),
  score: z.number().describe('0–1; 1 for the same email or phone'),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  status: z.enum(DUPLICATE_PAIR_STATUSES),
  foundAt: z.string(),
  a: ZDuplicatePairRecord,
  b: ZDuplicatePairRecord,
});
export type TDuplicatePair = z.infer<typeof ZDuplicatePair>;

export const ZDuplicatePairListQuery = z.object({
  object: z.enum(DUPLICATE_OBJECTS),
  status: z.enum(DUPLICATE_PAIR_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
}).strict();
export type TDuplicatePairListQuery = z.infer<typeof ZDuplicatePairListQuery>;

/** Pairs whose two records the reader may both see, strongest first, and the latest scan. */
export const ZDuplicatePairListResponse = z.object({
  items: z.array(ZDuplicatePair),
  nextCursor: z.string().nullable(),
  openCount: z.number().describe('Open pairs in the queue the reader may see'),
  latestScan: ZDuplicateScan.nullable(),
});
export type TDuplicatePairListResponse = z.infer<typeof ZDuplicatePairListResponse>;

/** Which record's value the survivor keeps, per field (`email`, `custom.budget_code`…). */
export const MERGE_SIDES = ['survivor', 'merged'] as const;

/**
 * `POST /api/v1/contacts/merge` (or accounts): the merged record's related rows move to the
 * survivor, the chosen values are written to it, and the merged record goes to the trash.
 * Tags are the union of both. Fields left out keep the survivor's value.
 */
export const ZMergeRequest = z.object({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  survivorVersion: z.number().int().min(1),
  mergedVersion: z.number().int().min(1),
  values: z.record(z.string().max(100), z.enum(MERGE_SIDES)).default({}),
  pairId: z.uuid().optional().describe('The review-queue pair being resolved, if any'),
}).strict();
export type TMergeRequest = z.infer<typeof ZMergeRequest>;

export const ZMergeResponse = z.object({
  mergeId: z.string(),
  record: z.record(z.string(), z.unknown()).describe('The survivor as it now is'),
  moved: z.record(z.string(), z.number()).describe('Related rows moved to the survivor, by kind'),
});
export type TMergeResponse = z.infer<typeof ZMergeResponse>;

import { z } from 'zod';

export const IMPORT_OBJECTS = ['contact', 'account'] as const;
export const IMPORT_STATUSES = ['uploaded', 'mapped', 'validating', 'dry_run_done', 'running', 'done', 'failed', 'undone'] as const;
export const IMPORT_DUPLICATE_MODES = ['skip', 'update', 'create'] as const;

export const ZImportCounts = z.object({ total: z.number(), created: z.number(), updated: z.number(), skipped: z.number(), rejected: z.number() });

export const ZImportRowError = z.object({ row: z.number().describe('1-based data row (the header is row 0)'), errors: z.array(z.object({ field: z.string(), message: z.string() })) });
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportOptions = z.object({
  duplicates: z.enum(IMPORT_DUPLICATE_MODES).default('skip').describe('Rows matching a record by email, then phone: skip them, update the record, or create anyway'),
  ownerId: z.uuid().nullable().optional().describe('Owner of created records; default the importer. A column mapped to `owner` wins'),
  tags: z.array(z.string().min(1).max(100)).max(20).optional().describe('Tags added to every imported record'),
}).strict();
export type TImportOptions = z.infer<typeof ZImportOptions>;

export const ZImportField = z.object({ key: z.string(), label: z.string(), required: z.boolean() });

export const ZImport = z.object({
  id: z.string(),
  object: z.enum(IMPORT_OBJECTS),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(IMPORT_STATUSES),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  options: z.record(z.string(), z.unknown()),
  counts: ZImportCounts,
  progress: z.number().describe('0–100'),
  dryRun: z.object({ counts: ZImportCounts, errors: z.array(ZImportRowError) }).nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImport = z.infer<typeof ZImport>;

export const ZImportUploadResponse = ZImport.extend({
  preview: z.array(z.array(z.string())).describe('The first data rows'),
  fields: z.array(ZImportField).describe('Fields a column may be mapped to'),
});
export type TImportUploadResponse = z.infer<typeof ZImportUploadResponse>;

export const ZImportListResponse = z.object({ data: z.array(ZImport) });

export const ZImportMappingRequest = z.object({
  mapping: z.array(z.string().max(120).nullable()).max(500).describe('Field key for each column, in column order; null ignores the column'),
  options: ZImportOptions.optional(),
}).strict();
export type TImportMappingRequest = z.infer<typeof ZImportMappingRequest>;

export const ZImportUndoRequest = z.object({ force: z.boolean().optional().describe('Undo even records changed since the import') }).strict();

export const ZExportRequest = z.object({
  format: z.enum(['csv', 'xlsx']),
  filter: z.record(z.string().max(200), z.union([z.string().max(1000), z.array(z.string().max(1000)).max(100)])).optional().describe('List filter parameters, as the list endpoint takes them'),
  sort: z.string().max(300).optional(),
  fields: z.array(z.string().max(120)).max(200).optional().describe('Columns in order; default every visible field'),
}).strict();
export type TExportRequest = z.infer<typeof ZExportRequest>;

export const ZExportJob = z.object({
  id: z.string(),
  object: z.enum(IMPORT_OBJECTS),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number(),
  progress: z.number().describe('0–100'),
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type TExportJob = z.infer<typeof ZExportJob>;

export const IMPORT_EVENTS = { completed: 'customers.import.completed', undone: 'customers.import.undone' } as const;
export const ZImportCompletedEvent = z.object({ importId: z.string(), object: z.enum(IMPORT_OBJECTS), counts: ZImportCounts });

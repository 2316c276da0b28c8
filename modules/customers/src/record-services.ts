import type { TAccountDuplicateCheckRequest, TContactDuplicateCheckRequest } from '@voyage/contracts';
import { registerRecordService } from '@voyage/kernel';
import { checkAccountDuplicates } from './duplicates/check-account-duplicates';
import { checkContactDuplicates } from './duplicates/check-contact-duplicates';
import { accountKind, contactKind, type RecordKind } from './record-kinds';
import { createRecords } from './use-cases/create-records';

const createOne = (kind: RecordKind) => async (ctx: Parameters<typeof createRecords>[0], input: Record<string, unknown>) => {
  const [row] = await createRecords(ctx, kind, [input]);
  return row as Record<string, unknown> & { id: string };
};

/** Lets other modules (a lead conversion in sales) create accounts and contacts and check duplicates. */
export function registerCustomerRecordServices(): void {
  registerRecordService('account', { create: createOne(accountKind), checkDuplicates: (ctx, input) => checkAccountDuplicates(ctx, input as TAccountDuplicateCheckRequest) });
  registerRecordService('contact', { create: createOne(contactKind), checkDuplicates: (ctx, input) => checkContactDuplicates(ctx, input as TContactDuplicateCheckRequest) });
}

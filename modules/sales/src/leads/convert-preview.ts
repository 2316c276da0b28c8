import type { TConvertPreviewResponse, TDuplicateMatch } from '@voyage/contracts';
import { recordService, type Context } from '@voyage/kernel';
import { loadLead } from './load-lead';

/**
 * Existing records the lead may be: accounts by company name, contacts by email, phone or
 * name (the customers module's duplicate check), for "use existing" in the convert dialog.
 */
export async function convertPreview(ctx: Context, id: string): Promise<TConvertPreviewResponse> {
  const lead = await loadLead(ctx, id);
  const accounts = recordService('account');
  const contacts = recordService('contact');
  const [a, c] = await Promise.all([
    lead.company && accounts ? accounts.checkDuplicates(ctx, { name: lead.company }) : { matches: [] },
    contacts ? contacts.checkDuplicates(ctx, { name: lead.name, email: lead.email ?? undefined, phone: lead.phone ?? undefined, mobile: lead.mobile ?? undefined, accountName: lead.company ?? undefined }) : { matches: [] },
  ]);
  return { accounts: a.matches as TDuplicateMatch[], contacts: c.matches as TDuplicateMatch[] };
}

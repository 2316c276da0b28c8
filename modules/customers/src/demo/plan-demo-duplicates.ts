import { newId } from '@voyage/kernel';
import { companyNameKey } from '../normalize/company-name';
import { toE164 } from '../normalize/phone';
import type { DemoPlan } from './plan-demo-customers';

const DAY_MS = 86_400_000;

/**
 * A few records entered twice, as happens in every CRM, so the duplicate review page has
 * something to show: a contact typed again with the same email at the same company, one
 * entered again as a private customer with the mobile written differently, and a company
 * entered again under its 股份有限公司 name. Chosen from the plan, so deterministic.
 */
export function addDemoDuplicates(plan: DemoPlan, now: number): void {
  const owned = plan.contacts.filter((c) => c.ownerId && c.poolStatus !== 'pool');
  const byEmail = owned.find((c) => c.accountId && c.email && /\p{Script=Han}/u.test(c.name));
  const byMobile = owned.find((c) => c !== byEmail && c.mobile && c.mobileE164?.startsWith('+86') && /\p{Script=Han}/u.test(c.name));
  const company = plan.accounts.find((a) => a.ownerId && a.name.endsWith('有限公司') && !a.name.endsWith('股份有限公司') && !a.parentAccountId);
  const recent = (days: number) => new Date(now - days * DAY_MS);
  const fresh = (c: (typeof plan.contacts)[number], days: number) => ({
    ...c, id: newId(), tags: [], custom: {}, title: null, lastFollowUpAt: null, lastFollowUpSummary: null, followUpCount: 0, nextContactAt: null,
    createdAt: recent(days), updatedAt: recent(days),
  });
  if (byEmail) {
    const copy = { ...fresh(byEmail, 3), mobile: null, mobileE164: null, phone: null, phoneE164: null };
    plan.contacts.push(copy);
    plan.links.push({ workspaceId: copy.workspaceId, accountId: copy.accountId!, contactId: copy.id, isPrimary: true, createdAt: copy.createdAt, updatedAt: copy.createdAt, createdBy: copy.createdBy, updatedBy: copy.createdBy });
  }
  if (byMobile) {
    const digits = byMobile.mobileE164!.slice(3);
    const mobile = `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
    plan.contacts.push({ ...fresh(byMobile, 6), accountId: null, email: null, mobile, mobileE164: toE164(mobile, 'CN'), phone: null, phoneE164: null });
  }
  if (company) {
    const name = company.name.replace(/有限公司$/, '股份有限公司');
    plan.accounts.push({ ...company, id: newId(), name, legalName: null, nameKey: companyNameKey(name), tags: [], custom: {}, lastFollowUpAt: null, lastFollowUpSummary: null, followUpCount: 0, nextContactAt: null, createdAt: recent(2), updatedAt: recent(2) });
  }
}

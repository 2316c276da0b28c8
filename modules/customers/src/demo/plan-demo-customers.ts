import { newId } from '@voyage/kernel';
import type { accounts, contacts } from '../db/schema';
import type { accountContacts, contactReportsTo } from '../db/relationships';
import { companyNameKey } from '../normalize/company-name';
import { normalizeEmail } from '../normalize/email';
import { toE164 } from '../normalize/phone';
import { OWNERSHIP_SETTINGS_DEFAULTS } from '../ownership/load-ownership-settings';
import { Random } from './data/random';
import { buildDemoAccounts } from './build-demo-accounts';
import { buildDemoContacts } from './build-demo-contacts';
import { buildDemoFollowUps, type DemoFollowUp } from './build-demo-follow-ups';

const DAY_MS = 86_400_000;
const SUMMARY_LENGTH = 200;
export const DEMO_SEED = 'voyage-demo-customers';

type Subject = { type: 'contact' | 'account'; id: string; accountId: string | null; name: string };
export interface PlannedFollowUp extends DemoFollowUp { id: string; subject: Subject; ownerId: string }
export interface DemoPlan {
  accounts: Array<typeof accounts.$inferInsert>;
  contacts: Array<typeof contacts.$inferInsert>;
  links: Array<typeof accountContacts.$inferInsert>;
  reportsTo: Array<typeof contactReportsTo.$inferInsert>;
  followUps: PlannedFollowUp[];
}

/** Owners weighted towards reps: managers carry fewer records of their own. */
export interface DemoOwner { userId: string; weight: number }

/**
 * Days an owner may stay idle on a record of this level before the default reclaim rule warns
 * them. Owned demo records were worked on within it, so the demo does not open with a flood of
 * reclaim warnings; pool records went idle for longer, which is how they got there.
 */
function quietDays(level: string): number {
  const { levels, warnDaysBefore } = OWNERSHIP_SETTINGS_DEFAULTS;
  const rule = levels.find((l) => l.key === level) ?? levels[levels.length - 1];
  return rule.noFollowUpDays - warnDaysBefore;
}

/** The last follow-up columns as refreshFollowUpColumns would leave them. */
function followUpColumns(list: DemoFollowUp[]) {
  const latest = list[list.length - 1];
  return latest
    ? { lastFollowUpAt: latest.occurredAt, lastFollowUpSummary: latest.content.slice(0, SUMMARY_LENGTH), followUpCount: list.length, nextContactAt: latest.nextContactAt }
    : { followUpCount: 0 };
}

/** Every demo row, with ids and derived columns, from the seed alone (times relative to `now`). */
export function planDemoCustomers(workspaceId: string, owners: DemoOwner[], now: number): DemoPlan {
  const rng = new Random(DEMO_SEED);
  const ownerTable = { entries: owners.map((o) => [o.userId, o.weight] as const), total: owners.reduce((s, o) => s + o.weight, 0) };
  const demoAccounts = buildDemoAccounts(rng.fork('accounts'), 300);
  const demoContacts = buildDemoContacts(rng.fork('contacts'), demoAccounts, 70);
  const r = rng.fork('plan');
  const plan: DemoPlan = { accounts: [], contacts: [], links: [], reportsTo: [], followUps: [] };
  const accountIds: string[] = [];
  const parents = new Set(demoAccounts.map((a) => a.parentKey));
  const accountOwner: Array<{ ownerId: string | null; previous: string }> = [];
  const ago = (days: number) => new Date(now - days * DAY_MS);
  // Weekends push a follow-up up to three days further back, hence the margin.
  const latestRange = (inPool: boolean, quiet: number): [number, number] => (inPool ? [quiet + 10, 170] : [1, Math.max(1, quiet - 3)]);
  const touched = (inPool: boolean, quiet: number, createdAt: Date) =>
    new Date(Math.max(createdAt.getTime(), inPool ? now - r.int(quiet + 10, 120) * DAY_MS : now - r.int(30, quiet * 1440 - 60) * 60_000));
  const pool = (inPool: boolean, previous: string) => (inPool
    ? { ownerId: null, poolStatus: 'pool', poolEnteredAt: ago(r.int(1, 12)), previousOwnerId: previous }
    : { ownerId: previous });
  for (const a of demoAccounts) {
    const id = newId();
    accountIds.push(id);
    const previous = r.weighted(ownerTable);
    const inPool = a.parentKey === null && a.level === 'C' && a.key >= 20 && r.chance(0.08);
    accountOwner.push({ ownerId: inPool ? null : previous, previous });
    const quiet = quietDays(a.level);
    const fus = parents.has(a.key) || r.chance(0.15) ? buildDemoFollowUps(r, now, { name: a.name, han: /\p{Script=Han}/u.test(a.name) }, r.int(1, 2), latestRange(inPool, quiet)) : [];
    const createdAt = ago(r.int(30, 420) + (fus.length ? 180 : 0));
    plan.followUps.push(...fus.map((f) => ({ ...f, id: newId(), subject: { type: 'account' as const, id, accountId: null, name: a.name }, ownerId: previous })));
    plan.accounts.push({
      workspaceId, id, name: a.name, legalName: a.legalName, industry: a.industry, region: a.region, size: a.size, website: a.website, phone: a.phone,
      phoneE164: toE164(a.phone, 'CN'), nameKey: companyNameKey(a.name), parentAccountId: a.parentKey === null ? null : accountIds[a.parentKey],
      tags: a.tags, lifecycleStage: a.stage, customerLevel: a.level, custom: a.custom, ...pool(inPool, previous), ...followUpColumns(fus),
      createdAt, updatedAt: touched(inPool, quiet, createdAt), createdBy: previous, updatedBy: previous,
    });
  }
  const contactIds = demoContacts.map(() => newId());
  for (const c of demoContacts) {
    const id = contactIds[c.key];
    const accountId = c.accountKey === null ? null : accountIds[c.accountKey];
    const owner = c.accountKey === null ? { previous: r.weighted(ownerTable), ownerId: undefined } : accountOwner[c.accountKey];
    const inPool = c.accountKey === null ? r.chance(0.12) : owner.ownerId === null;
    const warm = c.stage === 'opportunity' || c.stage === 'customer' || c.stage === 'sql';
    const quiet = quietDays(c.level);
    const fus = r.chance(warm ? 0.5 : 0.25) ? buildDemoFollowUps(r, now, c, r.int(2, 4), latestRange(inPool, quiet)) : [];
    const firstAt = fus[0]?.occurredAt.getTime() ?? now;
    const createdAt = new Date(Math.min(firstAt - r.int(1, 30) * DAY_MS, now - r.int(20, 400) * DAY_MS));
    plan.followUps.push(...fus.map((f) => ({ ...f, id: newId(), subject: { type: 'contact' as const, id, accountId, name: c.name }, ownerId: owner.previous })));
    plan.contacts.push({
      workspaceId, id, name: c.name, email: c.email === null ? null : normalizeEmail(c.email), mobile: c.mobile, phone: c.phone, title: c.title, accountId,
      mobileE164: c.mobile === null ? null : toE164(c.mobile, 'CN'), phoneE164: c.phone === null ? null : toE164(c.phone, 'CN'),
      tags: c.tags, lifecycleStage: c.stage, customerLevel: c.level, custom: c.custom, ...pool(inPool, owner.previous), ...followUpColumns(fus),
      createdAt, updatedAt: touched(inPool, quiet, createdAt), createdBy: owner.previous, updatedBy: owner.previous,
    });
    if (accountId) {
      plan.links.push({ workspaceId, accountId, contactId: id, role: c.role, influence: c.influence, isPrimary: true, createdAt, updatedAt: createdAt, createdBy: owner.previous, updatedBy: owner.previous });
      if (c.managerKey !== null) plan.reportsTo.push({ workspaceId, accountId, contactId: id, managerContactId: contactIds[c.managerKey], createdAt, createdBy: owner.previous });
    }
  }
  return plan;
}

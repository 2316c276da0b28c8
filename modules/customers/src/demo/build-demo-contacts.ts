import { chineseName, englishName, type PersonName } from './data/names';
import { landlineNumber, mobileNumber, type PhoneRegion } from './data/phones';
import { weightedTable, type Random } from './data/random';
import { CURRENCY_OF, displayPhone, drawTags, type DemoAccount } from './build-demo-accounts';
import { B2C_MAIL, CONTACT_ROLE_PLAN, CONTACT_TAGS, DEMO_LIFECYCLE, DEMO_LEVELS, DEMO_MARKETS, SOURCE_WEIGHTS, TITLES } from './demo-catalog';

export interface DemoContact {
  key: number;
  name: string;
  han: boolean;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  title: string | null;
  accountKey: number | null;
  role: keyof typeof TITLES | null;
  influence: 'high' | 'medium' | 'low' | null;
  /** Key of the contact this one reports to at the same account. */
  managerKey: number | null;
  level: string;
  stage: string;
  tags: string[];
  custom: Record<string, unknown>;
}

const PER_ACCOUNT = weightedTable([[1, 38], [2, 40], [3, 16], [4, 6]] as const);

function person(rng: Random, market: PhoneRegion): { name: PersonName; han: boolean } {
  const han = (market === 'CN' && rng.chance(0.96)) || market === 'TW' || market === 'HK' || (market === 'SG' && rng.chance(0.5));
  return { name: han ? chineseName(rng, market === 'TW' || market === 'HK') : englishName(rng), han };
}

function uniqueEmail(used: Set<string>, local: string, domain: string): string {
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}

function custom(rng: Random, market: PhoneRegion): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rng.chance(0.85)) out.source = rng.weighted(SOURCE_WEIGHTS);
  if (rng.chance(0.2)) out.budget = { amount: rng.int(1, 80) * 1_000_000, currency: CURRENCY_OF[market] };
  return out;
}

/** People at the accounts (a decision maker first, then others reporting to them) and B2C customers without one. */
export function buildDemoContacts(rng: Random, accounts: DemoAccount[], b2cCount: number): DemoContact[] {
  const out: DemoContact[] = [];
  const emails = new Set<string>();
  for (const account of accounts) {
    const r = rng.fork(`contacts:${account.key}`);
    const count = r.weighted(PER_ACCOUNT);
    let headKey: number | null = null;
    for (let i = 0; i < count; i++) {
      const { name, han } = person(r, account.market);
      const role = i === 0 ? 'decision_maker' : r.weighted(CONTACT_ROLE_PLAN);
      const titles = TITLES[role][han ? 'zh' : 'en'];
      const tags = drawTags(r, CONTACT_TAGS, 2);
      if (role === 'decision_maker' && r.chance(0.5) && !tags.includes('决策人')) tags.push('决策人');
      out.push({
        key: out.length, name: name.full, han, email: r.chance(0.9) ? uniqueEmail(emails, name.ascii, account.domain) : null,
        mobile: r.chance(0.92) ? displayPhone(mobileNumber(r, account.market), account.market) : null,
        // A direct line at the office; the switchboard is on the account.
        phone: r.chance(0.3) ? displayPhone(landlineNumber(r, account.market), account.market) : null,
        title: r.pick(titles), accountKey: account.key, role,
        influence: role === 'decision_maker' || role === 'economic_buyer' ? 'high' : r.pick(['medium', 'low', 'medium'] as const),
        managerKey: i === 0 ? null : headKey, level: account.level,
        stage: r.chance(0.7) ? account.stage : r.weighted(DEMO_LIFECYCLE), tags, custom: custom(r, account.market),
      });
      if (i === 0) headKey = out.length - 1;
    }
  }
  for (let i = 0; i < b2cCount; i++) {
    const r = rng.fork(`b2c:${i}`);
    const market = r.weighted(DEMO_MARKETS);
    const { name, han } = person(r, market);
    const mail = market === 'CN' && r.chance(0.35) ? uniqueEmail(emails, String(r.int(10_000_000, 2_999_999_999)), 'qq.com') : uniqueEmail(emails, name.ascii, r.pick(B2C_MAIL));
    out.push({
      key: out.length, name: name.full, han, email: r.chance(0.7) ? mail : null,
      mobile: displayPhone(mobileNumber(r, market), market), phone: null, title: null, accountKey: null, role: null, influence: null, managerKey: null,
      level: r.weighted(DEMO_LEVELS), stage: r.weighted(DEMO_LIFECYCLE), tags: drawTags(r, CONTACT_TAGS, 2), custom: custom(r, market),
    });
  }
  return out;
}

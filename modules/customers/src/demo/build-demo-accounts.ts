import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { address } from './data/addresses';
import { companyName } from './data/companies';
import { landlineNumber, type PhoneRegion } from './data/phones';
import type { Random } from './data/random';
import { ACCOUNT_TAGS, DEMO_GROUPS, DEMO_LEVELS, DEMO_LIFECYCLE, DEMO_MARKETS, DEMO_SIZES } from './demo-catalog';

export const CURRENCY_OF: Record<PhoneRegion, string> = { CN: 'CNY', TW: 'TWD', HK: 'HKD', SG: 'SGD', US: 'USD', GB: 'GBP' };

export interface DemoAccount {
  key: number;
  name: string;
  legalName: string;
  industry: string;
  region: string;
  market: PhoneRegion;
  size: string;
  website: string;
  domain: string;
  phone: string;
  level: string;
  stage: string;
  tags: string[];
  custom: Record<string, unknown>;
  parentKey: number | null;
}

/** How people in the market write a number: national form at home, international abroad. */
export function displayPhone(e164: string, market: PhoneRegion): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return market === 'CN' ? parsed.formatNational() : parsed.formatInternational();
}

export function drawTags(rng: Random, table: typeof ACCOUNT_TAGS, max: number): string[] {
  const out = new Set<string>();
  const count = rng.weighted({ entries: [[0, 30], [1, 40], [2, 22], [3, 8]].filter(([n]) => n <= max) as Array<[number, number]>, total: 100 });
  for (let i = 0; i < count; i++) out.add(rng.weighted(table));
  return [...out];
}

function details(rng: Random, market: PhoneRegion): Pick<DemoAccount, 'size' | 'phone' | 'level' | 'stage' | 'custom'> {
  const custom: Record<string, unknown> = {};
  // Budgets in whole units of 10 000 (万), stored in minor units.
  if (rng.chance(0.55)) custom.budget = { amount: rng.int(5, 300) * 1_000_000, currency: CURRENCY_OF[market] };
  return { size: rng.weighted(DEMO_SIZES), phone: displayPhone(landlineNumber(rng, market), market), level: rng.weighted(DEMO_LEVELS), stage: rng.weighted(DEMO_LIFECYCLE), custom };
}

/** About `count` accounts: the demo groups and their subsidiaries first, then generated companies with unique names. */
export function buildDemoAccounts(rng: Random, count: number): DemoAccount[] {
  const out: DemoAccount[] = [];
  const names = new Set<string>();
  const push = (a: Omit<DemoAccount, 'key'>) => {
    names.add(a.name);
    out.push({ ...a, key: out.length });
    return out.length - 1;
  };
  for (const group of DEMO_GROUPS) {
    const [name, industry, market, domain] = group.parent;
    const parentKey = push({ name, legalName: name, industry, region: market === 'CN' ? '华东' : 'United States', market, website: `https://www.${domain}`, domain, tags: ['重点客户', 'VIP'], parentKey: null, ...details(rng, market), size: '1000+', level: 'A', stage: 'customer' });
    for (const [child, childMarket, region] of group.children) {
      push({ name: child, legalName: child, industry, region, market: childMarket, website: `https://www.${domain}`, domain, tags: drawTags(rng, ACCOUNT_TAGS, 2), parentKey, ...details(rng, childMarket) });
    }
  }
  for (let attempt = 0; out.length < count; attempt++) {
    const r = rng.fork(`account:${attempt}`);
    const market = r.weighted(DEMO_MARKETS);
    const addr = address(r, market);
    const company = companyName(r, market, out.length, addr.city);
    // Chinese CRMs list a company by its registered name; English ones by the trading name.
    const han = market === 'CN' || market === 'TW' || market === 'HK';
    const name = han ? company.legalName : company.name;
    if (names.has(name)) continue;
    const tags = drawTags(r, ACCOUNT_TAGS, 3);
    if (market === 'CN' && (addr.area === '华东' || addr.area === '华南') && r.chance(0.3)) tags.push(addr.area);
    push({ name, legalName: company.legalName, industry: company.industry, region: addr.area, market, website: `https://www.${company.domain}`, domain: company.domain, tags, parentKey: null, ...details(r, market) });
  }
  return out;
}

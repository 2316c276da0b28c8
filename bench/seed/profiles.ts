import { address, type Address } from '../../modules/customers/src/demo/data/addresses';
import { companyName, COMPANY_SIZES, type CompanyName } from '../../modules/customers/src/demo/data/companies';
import { chineseName, englishName, type PersonName } from '../../modules/customers/src/demo/data/names';
import { landlineNumber, mobileNumber, type PhoneRegion } from '../../modules/customers/src/demo/data/phones';
import { weightedTable, type Random } from '../../modules/customers/src/demo/data/random';
import { localPhone } from './local-phone';

/** Where customers live: mostly mainland China, with Greater China and English markets. */
const MARKETS = weightedTable<PhoneRegion>([['CN', 62], ['TW', 9], ['HK', 7], ['SG', 6], ['US', 10], ['GB', 6]]);

/** The contract's stages, weighted like a real funnel (many leads, few advocates). */
const LIFECYCLE = weightedTable([
  ['subscriber', 14], ['lead', 30], ['mql', 14], ['sql', 10], ['opportunity', 8], ['customer', 16], ['advocate', 3], ['churned', 5],
] as const);

/**
 * Tags with skewed popularity, so a tag filter in the benchmark has a realistic selectivity
 * (`VIP` is on roughly 6% of contacts).
 */
export const TAGS = weightedTable([
  ['VIP', 6], ['重点客户', 8], ['展会', 10], ['老客户', 9], ['渠道', 5], ['高意向', 7], ['newsletter', 12],
  ['webinar', 6], ['KOL', 2], ['partner', 3], ['churn-risk', 2], ['华东', 7], ['华南', 6], ['海外', 4],
  ['决策人', 5], ['技术', 4], ['采购', 4], ['试用中', 3], ['续约', 3], ['推荐', 2],
] as const);
/** The tag the list-page scenario filters on. */
export const BENCH_TAG = 'VIP';

const SOURCES = ['website', 'trade_show', 'referral', 'wechat', 'cold_call', 'ads', 'partner'] as const;
const VIP_LEVELS = ['none', 'silver', 'gold', 'platinum'] as const;
const INTERESTS = ['crm', 'erp', 'marketing', 'service', 'analytics', 'mobile'] as const;
const TITLES_ZH = ['总经理', '销售总监', '采购经理', '技术总监', '市场经理', '运营专员', '财务经理', '产品经理', '人事主管', '首席执行官'] as const;
const TITLES_EN = ['CEO', 'Sales Director', 'Procurement Manager', 'CTO', 'Marketing Manager', 'Operations Lead', 'Finance Manager', 'Product Manager', 'HR Lead', 'Founder'] as const;
const CN_MAIL = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com', 'gmail.com'] as const;
const INTL_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com'] as const;

/** Custom fields the seed defines on contacts and accounts, with a value generator each. */
export const CUSTOM_FIELDS = {
  contact: [
    { key: 'source', label: '来源', type: 'single_select', options: SOURCES },
    { key: 'vip_level', label: '会员等级', type: 'single_select', options: VIP_LEVELS },
    { key: 'interests', label: '兴趣', type: 'multi_select', options: INTERESTS },
    { key: 'birthday', label: '生日', type: 'date' },
    { key: 'wechat', label: '微信号', type: 'text' },
    { key: 'newsletter', label: '订阅简报', type: 'boolean' },
    { key: 'budget', label: '预算', type: 'currency' },
  ],
  account: [
    { key: 'annual_revenue', label: '年营业额', type: 'currency' },
    { key: 'employees', label: '员工人数', type: 'number' },
    { key: 'credit_code', label: '统一社会信用代码', type: 'text' },
    { key: 'province', label: '省份', type: 'text' },
    { key: 'city', label: '城市', type: 'text' },
  ],
} as const;

export interface PersonProfile {
  region: PhoneRegion;
  name: PersonName;
  email: string | null;
  /** As typed (local format); the seed stores its E.164 form beside it, as the product does. */
  mobile: string | null;
  phone: string | null;
  title: string | null;
  address: Address;
  tags: string[];
  lifecycleStage: string;
  custom: Record<string, unknown>;
}

export interface CompanyProfile extends CompanyName {
  region: PhoneRegion;
  size: string;
  phone: string;
  address: Address;
  tags: string[];
  lifecycleStage: string;
  custom: Record<string, unknown>;
}

export function pickRegion(rng: Random): PhoneRegion {
  return rng.weighted(MARKETS);
}

function currencyOf(region: PhoneRegion): string {
  return ({ CN: 'CNY', TW: 'TWD', HK: 'HKD', SG: 'SGD', US: 'USD', GB: 'GBP' } as const)[region];
}

function tags(rng: Random): string[] {
  const count = rng.weighted(weightedTable([[0, 25], [1, 35], [2, 25], [3, 10], [4, 5]] as const));
  const out = new Set<string>();
  for (let i = 0; i < count; i++) out.add(rng.weighted(TAGS));
  return [...out];
}

/**
 * A person. `serial` is unique per data set and goes into the email's local part through a
 * bijection, so emails never collide yet do not look sequential.
 */
export function personProfile(rng: Random, serial: number, region: PhoneRegion, companyDomain: string | null): PersonProfile {
  const han = region === 'CN' || region === 'TW' || region === 'HK' || (region === 'SG' && rng.chance(0.6));
  const name = han ? chineseName(rng, region === 'TW' || region === 'HK') : englishName(rng);
  const number = (serial * 7_919 + 104_729) % 99_999_989;
  let email: string | null = null;
  if (rng.chance(0.92)) {
    if (companyDomain && rng.chance(0.7)) email = `${name.ascii}${number}@${companyDomain}`;
    else if (region === 'CN' && rng.chance(0.4)) email = `${100_000 + number}@qq.com`;
    else email = `${name.ascii}${number}@${rng.pick(region === 'CN' ? CN_MAIL : INTL_MAIL)}`;
  }
  const zh = han && region !== 'SG';
  const custom: Record<string, unknown> = { source: rng.pick(SOURCES) };
  if (rng.chance(0.5)) custom.vip_level = rng.pick(VIP_LEVELS);
  if (rng.chance(0.4)) custom.interests = rng.sample(INTERESTS, rng.int(1, 3));
  if (rng.chance(0.3)) custom.birthday = `${rng.int(1960, 2002)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  if (region === 'CN' && rng.chance(0.6)) custom.wechat = `wxid_${name.ascii.replace('.', '')}${rng.digits(4)}`;
  if (rng.chance(0.5)) custom.newsletter = rng.chance(0.6);
  if (rng.chance(0.25)) custom.budget = { amount: rng.int(1, 500) * 100_000, currency: currencyOf(region) };
  return {
    region,
    name,
    email,
    mobile: rng.chance(0.95) ? localPhone(mobileNumber(rng, region)) : null,
    phone: rng.chance(0.2) ? localPhone(landlineNumber(rng, region)) : null,
    title: rng.chance(0.8) ? (zh ? rng.pick(TITLES_ZH) : rng.pick(TITLES_EN)) : null,
    address: address(rng, region),
    tags: tags(rng),
    lifecycleStage: rng.weighted(LIFECYCLE),
    custom,
  };
}

// Characters and words that make a generated brand distinct once its base name is taken.
const BRAND_CHARS = [...'华信远航腾达鑫汇通恒瑞博联创思德泰安中科盛宏源兴嘉锐智云海天明祥和丰益诚星辰新佳美立正弘凯越鸿伟捷易迅腾飞朗润宁康泽睿晨光宇俊豪群力合众晟昌隆茂'];
const BRAND_WORDS = ['Acme', 'Bright', 'Cedar', 'Delta', 'Everest', 'Falcon', 'Granite', 'Hudson', 'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Maple', 'Nova', 'Orion', 'Polaris', 'Quartz', 'Raven', 'Sierra', 'Titan', 'Unity', 'Vertex', 'Willow', 'Zenith'];
const BRAND_ENDINGS = ['Ridge', 'Point', 'Peak', 'Bay', 'Stone', 'Field', 'Gate', 'Crest', 'Brook', 'Works', 'Labs', 'Line', 'Way', 'Hill', 'Port', 'Grove'];
const MAX_NAME_TRIES = 8;

/**
 * A company whose name is, as far as a few tries go, not yet in `taken` (in a real CRM 200,000
 * accounts have nearly as many names): the generator's name, else the same line of business
 * under another brand of the same length (华信科技 → 鑫达科技, Apex Robotics → Falcon Robotics),
 * so names stay as long as the generator's and the search columns as costly to compute. The
 * registered name follows the name. Near-unique names keep the import's lookup of companies by
 * name to a row or two, as real data would.
 */
export function companyProfile(rng: Random, serial: number, taken: Set<string> = new Set()): CompanyProfile {
  const region = pickRegion(rng);
  const addr = address(rng, region);
  const generated = companyName(rng, region, serial, addr.city);
  const han = region === 'CN' || region === 'TW' || region === 'HK';
  const city = addr.city.replace(/市$/, '');
  // The generator's Chinese brands are two characters; an English name ends with its trade.
  const trade = han ? generated.name.slice(2) : generated.name.slice(generated.name.lastIndexOf(' ') + 1);
  let name = generated.name;
  for (let i = 0; taken.has(name) && i < MAX_NAME_TRIES; i++) {
    if (han) name = `${i === 0 || rng.chance(0.5) ? city : ''}${i === 0 ? generated.name.slice(0, 2) : rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS)}${trade}`;
    else name = `${rng.pick(BRAND_WORDS)}${i === 0 ? '' : ` ${rng.pick(BRAND_ENDINGS)}`} ${trade}`;
  }
  taken.add(name);
  const at = generated.legalName.indexOf(generated.name);
  const company: CompanyName = { ...generated, name, legalName: at >= 0 ? name + generated.legalName.slice(at + generated.name.length).replace(/^ ?/, han ? '' : ' ') : generated.legalName };
  const custom: Record<string, unknown> = {
    employees: rng.int(3, 20_000),
    province: addr.province,
    city: addr.city,
  };
  if (rng.chance(0.6)) custom.annual_revenue = { amount: rng.int(10, 100_000) * 1_000_000, currency: currencyOf(region) };
  if (region === 'CN') custom.credit_code = `91${rng.digits(6)}${rng.pick(['MA', '7', '0'])}${rng.digits(8)}X`.slice(0, 18);
  const area = addr.area;
  const companyTags = tags(rng);
  if (region === 'CN' && (area === '华东' || area === '华南') && !companyTags.includes(area)) companyTags.push(area);
  return {
    ...company,
    region,
    size: rng.pick(COMPANY_SIZES),
    phone: localPhone(landlineNumber(rng, region)),
    address: addr,
    tags: companyTags,
    lifecycleStage: rng.weighted(LIFECYCLE),
    custom,
  };
}

import { weightedTable, type Random } from './random';
import type { PhoneRegion } from './phones';
import { toTraditional } from './names';

const CN_BRANDS: ReadonlyArray<readonly [string, string]> = [
  ['华信', 'huaxin'], ['中科', 'zhongke'], ['恒通', 'hengtong'], ['金达', 'jinda'], ['瑞丰', 'ruifeng'], ['宏远', 'hongyuan'],
  ['博雅', 'boya'], ['天宇', 'tianyu'], ['鼎盛', 'dingsheng'], ['创新', 'chuangxin'], ['汇通', 'huitong'], ['星辰', 'xingchen'],
  ['蓝海', 'lanhai'], ['万维', 'wanwei'], ['明德', 'mingde'], ['新元', 'xinyuan'], ['智联', 'zhilian'], ['安泰', 'antai'],
  ['盛世', 'shengshi'], ['东方', 'dongfang'], ['锦程', 'jincheng'], ['云帆', 'yunfan'], ['凯旋', 'kaixuan'], ['致远', 'zhiyuan'],
  ['同创', 'tongchuang'], ['恒生', 'hengsheng'], ['华宇', 'huayu'], ['远航', 'yuanhang'], ['启明', 'qiming'], ['九州', 'jiuzhou'],
  ['长城', 'changcheng'], ['南方', 'nanfang'], ['前海', 'qianhai'], ['优品', 'youpin'], ['易达', 'yida'], ['众合', 'zhonghe'],
  ['海纳', 'haina'], ['卓越', 'zhuoyue'], ['领航', 'linghang'], ['青松', 'qingsong'],
];
/** Line of business and the industry it belongs to. */
const CN_TRADES: ReadonlyArray<readonly [string, string]> = [
  ['科技', '软件与信息服务'], ['信息技术', '软件与信息服务'], ['软件', '软件与信息服务'], ['网络科技', '软件与信息服务'],
  ['电子', '制造业'], ['智能制造', '制造业'], ['新材料', '制造业'], ['贸易', '批发零售'], ['实业', '批发零售'],
  ['物流', '物流运输'], ['生物医药', '医疗健康'], ['教育咨询', '教育'], ['餐饮管理', '餐饮酒店'], ['建筑工程', '房地产'],
  ['文化传媒', '文化传媒'], ['环保科技', '能源'],
];
const CN_SUFFIXES = weightedTable([['有限公司', 6], ['股份有限公司', 2], ['科技有限公司', 2], ['集团有限公司', 1]] as const);

const EN_WORDS = ['Apex', 'Blue River', 'Summit', 'Northwind', 'Evergreen', 'Silverline', 'Pioneer', 'Horizon', 'Brightpath', 'Ironwood', 'Crescent', 'Harbor', 'Keystone', 'Lighthouse', 'Meridian', 'Redwood', 'Sterling', 'Vanguard', 'Atlas', 'Nimbus'] as const;
const EN_TRADES: ReadonlyArray<readonly [string, string]> = [
  ['Technologies', 'Technology'], ['Software', 'Technology'], ['Analytics', 'Technology'], ['Robotics', 'Manufacturing'], ['Industries', 'Manufacturing'],
  ['Logistics', 'Logistics'], ['Trading', 'Retail'], ['Foods', 'Retail'], ['Pharma', 'Healthcare'], ['Labs', 'Healthcare'], ['Consulting', 'Professional services'],
];
const SUFFIXES_BY_REGION: Record<Exclude<PhoneRegion, 'CN' | 'TW' | 'HK'>, readonly string[]> = {
  US: ['Inc.', 'LLC', 'Corp.', 'Co., Ltd.'],
  GB: ['Ltd', 'PLC', 'Co., Ltd.'],
  SG: ['Pte. Ltd.', 'Co., Ltd.'],
};
const DE_SUFFIXES = ['GmbH', 'AG'] as const;

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;

export interface CompanyName {
  /** What people call it: 华信科技, Apex Robotics. */
  name: string;
  /** The registered name with its legal suffix. */
  legalName: string;
  /** The website and email domain. */
  domain: string;
  industry: string;
}

/**
 * A company name with a legal suffix. `index` keeps domains unique across the data set;
 * `city` (市 dropped) may prefix a mainland registered name, as 上海华信科技有限公司.
 */
export function companyName(rng: Random, region: PhoneRegion, index: number, city: string): CompanyName {
  const serial = index.toString(36);
  if (region === 'CN' || region === 'TW' || region === 'HK') {
    const [brand, brandPinyin] = rng.pick(CN_BRANDS);
    const [trade, industry] = rng.pick(CN_TRADES);
    let suffix: string = rng.weighted(CN_SUFFIXES);
    if (trade.endsWith('科技') && suffix === '科技有限公司') suffix = '有限公司';
    const prefix = region === 'CN' && rng.chance(0.6) ? city.replace(/市$/, '') : '';
    const convert = region === 'CN' ? (s: string) => s : toTraditional;
    const tld = region === 'CN' ? 'com.cn' : region === 'HK' ? 'com.hk' : 'com.tw';
    return { name: convert(`${brand}${trade}`), legalName: convert(`${prefix}${brand}${trade}${suffix}`), domain: `${brandPinyin}${serial}.${tld}`, industry };
  }
  const word = rng.pick(EN_WORDS);
  const [trade, industry] = rng.pick(EN_TRADES);
  const german = region === 'GB' && rng.chance(0.15);
  const suffix = german ? rng.pick(DE_SUFFIXES) : rng.pick(SUFFIXES_BY_REGION[region]);
  const slug = word.toLowerCase().replace(/\s+/g, '');
  const tld = german ? 'de' : region === 'SG' ? 'com.sg' : region === 'GB' ? 'co.uk' : 'com';
  return { name: `${word} ${trade}`, legalName: `${word} ${trade} ${suffix}`, domain: `${slug}${serial}.${tld}`, industry };
}

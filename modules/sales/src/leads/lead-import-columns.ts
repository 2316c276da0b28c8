import { LEAD_SIZES, LEAD_SOURCES } from '@voyage/contracts';

/** Lead fields a CSV column may fill. */
export const IMPORT_FIELDS = ['name', 'company', 'title', 'email', 'phone', 'mobile', 'region', 'industry', 'size', 'source', 'channel'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header names recognised per field (compared in lower case, spaces and _ removed). */
const HEADERS: Record<ImportField, string[]> = {
  name: ['name', 'fullname', 'contactname', '姓名', '名字', '联系人', '聯絡人'],
  company: ['company', 'companyname', 'account', 'organization', '公司', '公司名称', '公司名稱', '单位', '單位'],
  title: ['title', 'jobtitle', 'position', '职位', '職位', '职务', '職務', '職稱'],
  email: ['email', 'e-mail', 'mail', '邮箱', '電子郵件', '电子邮件', '郵箱'],
  phone: ['phone', 'telephone', 'tel', '电话', '電話', '座机', '座機'],
  mobile: ['mobile', 'cell', 'cellphone', '手机', '手機'],
  region: ['region', 'area', 'province', 'city', '地区', '地區', '区域', '區域', '省份'],
  industry: ['industry', '行业', '行業', '產業'],
  size: ['size', 'employees', 'companysize', '规模', '規模', '公司规模', '公司規模', '人数', '人數'],
  source: ['source', 'leadsource', '来源', '來源', '线索来源', '潛在客戶來源'],
  channel: ['channel', '渠道', '管道', '通路'],
};

const key = (s: string) => s.trim().toLowerCase().replace(/[\s_]/g, '');
const byHeader = new Map(Object.entries(HEADERS).flatMap(([field, names]) => names.map((n) => [key(n), field as ImportField])));

/** The lead field of each header (undefined for columns that are ignored). */
export function mapHeaders(headers: string[]): Array<ImportField | undefined> {
  return headers.map((h) => byHeader.get(key(h.replace(/^\uFEFF/, ''))));
}

const SOURCE_LABELS: Record<(typeof LEAD_SOURCES)[number], string[]> = {
  web_form: ['web form', 'website', 'web', '网站表单', '網站表單', '官网', '官網', '网站', '網站'],
  referral: ['referral', '转介绍', '轉介紹', '推荐', '推薦'],
  trade_show: ['trade show', 'exhibition', 'event', '展会', '展會', '会议', '會議'],
  ad: ['ad', 'ads', 'advertising', '广告', '廣告'],
  cold_call: ['cold call', '电话开拓', '電話開拓', '陌拜', '陌生拜访'],
  partner: ['partner', '合作伙伴', '合作夥伴', '渠道伙伴'],
  other: ['other', '其他'],
};
const sourceByLabel = new Map<string, string>(Object.entries(SOURCE_LABELS).flatMap(([k, names]) => [k, ...names].map((n): [string, string] => [key(n), k])));

/** A source as a picklist key, from its key or a label in any language; undefined if unknown. */
export function sourceOf(text: string): (typeof LEAD_SOURCES)[number] | undefined {
  return sourceByLabel.get(key(text)) as (typeof LEAD_SOURCES)[number] | undefined;
}

/** A size band from its key ("11-50", "11–50 人"); undefined if unknown. */
export function sizeOf(text: string): (typeof LEAD_SIZES)[number] | undefined {
  const cleaned = text.replace(/[–—~至到]/g, '-').replace(/[人\s]|employees/gi, '');
  return LEAD_SIZES.find((s) => s === cleaned);
}

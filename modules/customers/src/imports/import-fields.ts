import type { CustomFieldDef, Locale } from '@voyage/kernel';
import { customerObjects } from '../objects';

export type ImportObject = 'contact' | 'account';

/** A field a column may be mapped to. `account` and `owner` are looked up by name or email. */
export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  /** Header texts that suggest this field, compared after `headerKey`. */
  aliases: string[];
}

const BUILT_IN: Record<ImportObject, string[]> = {
  contact: ['name', 'email', 'mobile', 'phone', 'title', 'account', 'owner', 'tags', 'lifecycleStage'],
  account: ['name', 'legalName', 'industry', 'region', 'size', 'website', 'phone', 'owner', 'tags', 'lifecycleStage'],
};

// Header words seen in real spreadsheets, beyond the fields' own labels.
const ALIASES: Record<ImportObject, Record<string, string[]>> = {
  contact: {
    name: ['姓名', '名字', '名称', '联系人', '聯絡人', 'name', 'fullname', 'contactname', 'contact'],
    email: ['邮箱', '邮件', '电子邮件', '電子郵件', '郵箱', '电子邮箱', 'email', 'e-mail', 'mail', 'emailaddress'],
    mobile: ['手机', '手机号', '手机号码', '手機', '手機號碼', '移动电话', 'mobile', 'cell', 'cellphone', 'mobilephone'],
    phone: ['电话', '座机', '办公电话', '電話', 'phone', 'telephone', 'tel', 'workphone'],
    title: ['职位', '职务', '職稱', '職位', 'title', 'jobtitle', 'position'],
    account: ['公司', '公司名称', '单位', '所属公司', '公司名稱', '所屬公司', '客户公司', 'company', 'account', 'organization', 'companyname'],
  },
  account: {
    name: ['公司', '公司名称', '名称', '客户名称', '公司名稱', '客戶名稱', 'name', 'company', 'companyname', 'account', 'accountname'],
    website: ['网站', '网址', '官网', '網站', 'website', 'url', 'web'],
    industry: ['行业', '行業', 'industry'],
    phone: ['电话', '總機', '总机', '電話', 'phone', 'telephone', 'tel'],
  },
};
const SHARED: Record<string, string[]> = {
  owner: ['负责人', '負責人', '所有人', 'owner', 'owneremail', 'salesrep'],
  tags: ['标签', '標籤', 'tags', 'tag', 'labels'],
  lifecycleStage: ['生命周期阶段', '阶段', 'lifecyclestage', 'stage'],
};

/** Header text as compared: case, spaces, punctuation and a trailing `*` do not matter. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_\-*:：()（）]/g, '');
}

const extraLabels: Record<string, Record<Locale, string>> = {
  account: { 'zh-CN': '公司（按名称匹配）', 'zh-TW': '公司（依名稱比對）', en: 'Account (by name)' },
  owner: { 'zh-CN': '负责人（邮箱或姓名）', 'zh-TW': '負責人（電子郵件或姓名）', en: 'Owner (email or name)' },
};

/** The fields of an object a column may fill, in the user's language, custom fields last. */
export function importFields(object: ImportObject, defs: CustomFieldDef[], locale: Locale): ImportField[] {
  const labels = customerObjects.find((o) => o.key === object)!.fields;
  const builtIn = BUILT_IN[object].map((key) => {
    const own = labels.find((f) => f.key === key)?.labels ?? extraLabels[key];
    const aliases = [...(ALIASES[object][key] ?? []), ...(SHARED[key] ?? []), ...Object.values(own ?? {})].map(headerKey);
    return { key, label: own?.[locale] ?? key, required: key === 'name', aliases };
  });
  const custom = defs
    .filter((d) => d.type !== 'autonumber')
    .map((d) => ({ key: `custom.${d.key}`, label: d.labels?.[locale] ?? d.label, required: d.required, aliases: [d.key, d.label, ...Object.values(d.labels ?? {})].map(headerKey) }));
  return [...builtIn, ...custom];
}

/** The field each header suggests, each field used once; custom-field labels win over aliases of built-ins. */
export function suggestMapping(headers: string[], fields: ImportField[]): Array<string | null> {
  const used = new Set<string>();
  const ordered = [...fields.filter((f) => f.key.startsWith('custom.')), ...fields.filter((f) => !f.key.startsWith('custom.'))];
  return headers.map((header) => {
    const key = headerKey(header);
    const match = ordered.find((f) => !used.has(f.key) && f.aliases.includes(key));
    if (!match) return null;
    used.add(match.key);
    return match.key;
  });
}

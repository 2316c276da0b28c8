import type { PhoneRegion } from './data/phones';
import { weightedTable } from './data/random';

/** Where the demo's customers are: mostly mainland China, some Greater China and English markets. */
export const DEMO_MARKETS = weightedTable<PhoneRegion>([['CN', 70], ['TW', 5], ['HK', 6], ['SG', 5], ['US', 9], ['GB', 5]]);

export const DEMO_LIFECYCLE = weightedTable([
  ['subscriber', 8], ['lead', 26], ['mql', 14], ['sql', 12], ['opportunity', 12], ['customer', 20], ['advocate', 4], ['churned', 4],
] as const);

export const DEMO_LEVELS = weightedTable([['A', 15], ['B', 35], ['C', 50]] as const);
export const DEMO_SIZES = weightedTable([['1-10', 10], ['11-50', 28], ['51-200', 30], ['201-500', 16], ['501-1000', 9], ['1000+', 7]] as const);

/** Tag catalogue: name, colour, where it is offered, and how often records carry it. */
export const DEMO_TAGS: ReadonlyArray<readonly [string, string, 'all' | 'contact' | 'account', number]> = [
  ['VIP', 'red', 'all', 10], ['重点客户', 'orange', 'all', 10], ['老客户', 'green', 'all', 9], ['高意向', 'pink', 'all', 8],
  ['展会', 'blue', 'all', 9], ['渠道', 'teal', 'account', 5], ['续约', 'violet', 'account', 4], ['试用中', 'yellow', 'all', 4],
  ['churn-risk', 'gray', 'all', 3], ['决策人', 'indigo', 'contact', 6], ['技术', 'blue', 'contact', 5], ['采购', 'teal', 'contact', 4],
  ['newsletter', 'gray', 'contact', 7], ['webinar', 'violet', 'contact', 4], ['推荐', 'green', 'all', 3],
];
export const ACCOUNT_TAGS = weightedTable(DEMO_TAGS.filter(([, , scope]) => scope !== 'contact').map(([name, , , w]) => [name, w] as const));
export const CONTACT_TAGS = weightedTable(DEMO_TAGS.filter(([, , scope]) => scope !== 'account').map(([name, , , w]) => [name, w] as const));

/** The Source picklist (来源渠道). */
export const DEMO_SOURCES: ReadonlyArray<{ value: string; label: string; labels: Record<string, string> }> = [
  { value: 'website', label: '官网', labels: { 'zh-CN': '官网', 'zh-TW': '官網', en: 'Website' } },
  { value: 'trade_show', label: '展会', labels: { 'zh-CN': '展会', 'zh-TW': '展會', en: 'Trade show' } },
  { value: 'referral', label: '客户推荐', labels: { 'zh-CN': '客户推荐', 'zh-TW': '客戶推薦', en: 'Referral' } },
  { value: 'wechat', label: '微信', labels: { 'zh-CN': '微信', 'zh-TW': '微信', en: 'WeChat' } },
  { value: 'cold_call', label: '电话开发', labels: { 'zh-CN': '电话开发', 'zh-TW': '電話開發', en: 'Cold call' } },
  { value: 'ads', label: '广告投放', labels: { 'zh-CN': '广告投放', 'zh-TW': '廣告投放', en: 'Ads' } },
  { value: 'partner', label: '合作伙伴', labels: { 'zh-CN': '合作伙伴', 'zh-TW': '合作夥伴', en: 'Partner' } },
];
export const SOURCE_WEIGHTS = weightedTable(DEMO_SOURCES.map((s, i) => [s.value, [20, 18, 14, 16, 10, 12, 10][i]] as const));

/** A few groups with subsidiaries, so the account hierarchy has something to show. */
export const DEMO_GROUPS: ReadonlyArray<{ parent: [string, string, PhoneRegion, string]; children: Array<[string, PhoneRegion, string]> }> = [
  { parent: ['华信控股集团有限公司', '软件与信息服务', 'CN', 'huaxin-group.com.cn'], children: [['上海华信科技有限公司', 'CN', '华东'], ['深圳华信电子有限公司', 'CN', '华南'], ['华信国际贸易（香港）有限公司', 'HK', '香港']] },
  { parent: ['九州医药集团股份有限公司', '医疗健康', 'CN', 'jiuzhou-pharma.com.cn'], children: [['杭州九州生物医药有限公司', 'CN', '华东'], ['成都九州医疗器械有限公司', 'CN', '西南']] },
  { parent: ['Meridian Holdings Inc.', 'Technology', 'US', 'meridian-holdings.com'], children: [['Meridian Analytics Ltd', 'GB', 'United Kingdom'], ['Meridian Asia Pte. Ltd.', 'SG', 'Singapore'], ['美瑞登（上海）信息技术有限公司', 'CN', '华东']] },
  { parent: ['恒通物流集团有限公司', '物流运输', 'CN', 'hengtong56.com.cn'], children: [['广州恒通供应链管理有限公司', 'CN', '华南'], ['苏州恒通仓储服务有限公司', 'CN', '华东']] },
];

export const CONTACT_ROLE_PLAN = weightedTable([['influencer', 30], ['champion', 18], ['user', 30], ['gatekeeper', 10], ['economic_buyer', 12]] as const);
export const TITLES = {
  decision_maker: { zh: ['总经理', '董事长', '副总裁', '首席执行官'], en: ['CEO', 'Managing Director', 'VP Sales', 'Founder'] },
  economic_buyer: { zh: ['财务总监', '采购总监'], en: ['CFO', 'Head of Procurement'] },
  champion: { zh: ['IT 经理', '销售经理', '运营总监'], en: ['IT Manager', 'Sales Manager', 'Head of Operations'] },
  influencer: { zh: ['技术总监', '市场经理', '产品经理'], en: ['CTO', 'Marketing Manager', 'Product Manager'] },
  user: { zh: ['销售专员', '运营专员', '客服主管', '数据分析师'], en: ['Sales Specialist', 'Operations Analyst', 'Support Lead', 'Data Analyst'] },
  gatekeeper: { zh: ['总经理助理', '行政经理'], en: ['Executive Assistant', 'Office Manager'] },
} as const;

export const FOLLOW_UP_TYPES = weightedTable([['call', 34], ['visit', 16], ['meeting', 16], ['email', 20], ['sms', 14]] as const);
export type DemoFollowUpType = 'call' | 'visit' | 'meeting' | 'email' | 'sms';

/** Follow-up notes by type; {p} is a product, {n} the contact's name. */
export const FOLLOW_UP_NOTES: Record<DemoFollowUpType, { zh: string[]; en: string[] }> = {
  call: {
    zh: ['电话沟通了{p}的需求，客户关注价格和实施周期，约定下周发报价。', '{n}反馈内部还在评估，预计月底前给答复。', '确认了试用账号的使用情况，客户对报表功能比较满意。', '电话回访，客户提出希望增加移动端审批功能。', '沟通续约事宜，客户希望年付有折扣。'],
    en: ['Call with {n} about {p}: pricing and rollout timeline are the main concerns; quote to follow next week.', 'Checked in on the trial. They like the reporting, asked about SSO.', '{n} says the budget review is pushed to next month.', 'Renewal call: they want a discount for paying annually.'],
  },
  visit: {
    zh: ['上门拜访{n}，演示了{p}，对方技术团队参与，提出数据迁移问题。', '拜访客户总部，了解到今年有数字化转型预算。', '现场调研销售流程，整理了需求清单待确认。'],
    en: ['Visited {n} on site and demoed {p}; their IT team asked about data migration.', 'On-site workshop to map their sales process; requirements list sent for review.'],
  },
  meeting: {
    zh: ['与{n}及采购部开会，讨论{p}合同条款，法务下周回复。', '线上会议演示{p}，客户希望先在华东区试点。', '季度业务回顾会议，客户满意度较高，有扩容意向。'],
    en: ['Meeting with {n} and procurement on the {p} contract; legal to reply next week.', 'Online demo of {p}; they want a pilot with one team first.', 'Quarterly business review: happy overall, interested in more seats.'],
  },
  email: {
    zh: ['已发送{p}报价单和案例资料，等待客户反馈。', '邮件发送合同草稿，请{n}确认付款条款。', '发送产品更新说明及培训邀请。'],
    en: ['Sent the {p} quote and two customer stories.', 'Emailed the draft contract; waiting for {n} to confirm payment terms.', 'Sent release notes and a training invitation.'],
  },
  sms: {
    zh: ['短信提醒{n}明天下午的演示会议。', '短信确认拜访时间为周四上午十点。', '节日问候，并提醒续约到期时间。'],
    en: ['Texted {n} a reminder about tomorrow’s demo.', 'Confirmed Thursday 10am visit by text.'],
  },
};
export const PRODUCTS = { zh: ['CRM 标准版', 'CRM 企业版', '营销自动化', '客服工单系统', '数据分析平台'], en: ['CRM Professional', 'CRM Enterprise', 'Marketing Automation', 'Service Desk', 'Analytics'] };

export const B2C_MAIL = ['qq.com', '163.com', '126.com', 'foxmail.com', 'outlook.com', 'gmail.com'] as const;

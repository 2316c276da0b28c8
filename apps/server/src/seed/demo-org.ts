import type { Locale } from '@voyage/kernel';

/** The demo company: departments as a tree and the people in them. Change it and the demo changes. */
export const DEMO_WORKSPACE_NAME = '远航科技 Voyage Demo';
export const DEMO_WORKSPACE_SLUG = 'voyage-demo';
export const DEMO_LOGIN = { email: 'admin@voyage.demo', password: 'voyage-demo-2026' } as const;

export interface DemoDepartment {
  key: string;
  name: string;
  parent?: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'office', name: '总经办' },
  { key: 'sales', name: '销售部', parent: 'office' },
  { key: 'sales_east', name: '华东销售组', parent: 'sales' },
  { key: 'sales_south', name: '华南销售组', parent: 'sales' },
  { key: 'marketing', name: '市场部', parent: 'office' },
  { key: 'service', name: '客服部', parent: 'office' },
];

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  title: string;
  department: string;
  role: 'admin' | 'manager' | 'rep' | 'viewer';
  supervisor?: string;
  locale?: Locale;
  /** Head of this department. */
  heads?: string;
}

/** The first person is the administrator who signs in with DEMO_LOGIN. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'ceo', name: '陈思远', email: DEMO_LOGIN.email, title: '总经理', department: 'office', role: 'admin', heads: 'office' },
  { key: 'sales_director', name: '王晓燕', email: 'xiaoyan.wang@voyage.demo', title: '销售总监', department: 'sales', role: 'manager', supervisor: 'ceo', heads: 'sales' },
  { key: 'east_lead', name: '李俊', email: 'jun.li@voyage.demo', title: '华东区销售经理', department: 'sales_east', role: 'manager', supervisor: 'sales_director', heads: 'sales_east' },
  { key: 'east_rep', name: '张婷', email: 'ting.zhang@voyage.demo', title: '销售代表', department: 'sales_east', role: 'rep', supervisor: 'east_lead' },
  { key: 'east_rep_en', name: 'Michael Brown', email: 'michael.brown@voyage.demo', title: 'Account Executive', department: 'sales_east', role: 'rep', supervisor: 'east_lead', locale: 'en' },
  { key: 'south_rep', name: '黄志强', email: 'zhiqiang.huang@voyage.demo', title: '华南区销售代表', department: 'sales_south', role: 'rep', supervisor: 'sales_director', heads: 'sales_south' },
  { key: 'marketing_lead', name: 'Emily Zhou 周雨萱', email: 'emily.zhou@voyage.demo', title: '市场经理', department: 'marketing', role: 'manager', supervisor: 'ceo', heads: 'marketing', locale: 'en' },
  { key: 'service_lead', name: '刘洋', email: 'yang.liu@voyage.demo', title: '客服主管', department: 'service', role: 'viewer', supervisor: 'ceo', heads: 'service', locale: 'zh-TW' },
];

import { registerErrorCodes, registerMessages } from '@voyage/kernel';

registerErrorCodes({
  'customers.hierarchy_cycle': 422,
  'customers.reporting_cycle': 422,
  'customers.reports_to_unlinked': 422,
});

registerMessages({
  en: {
    'customers.relationships.primary_needs_contact_edit': 'This would change the contact\'s company, which needs the right to edit the contact',
    'errors.customers.hierarchy_cycle': 'An account cannot be its own parent or sit below one of its subsidiaries',
    'errors.customers.reporting_cycle': 'A contact cannot report to themselves or to someone who reports to them',
    'errors.customers.reports_to_unlinked': 'The manager must be linked to the same account',
    'customers.relationships.role_taken': 'The role key {key} is already in use',
    'customers.relationships.unknown_role': 'Unknown role: {role}',
  },
  'zh-CN': {
    'customers.relationships.primary_needs_contact_edit': '此操作会更改联系人的所属公司，需要编辑该联系人的权限',
    'errors.customers.hierarchy_cycle': '客户公司不能成为自身或其下属公司的子公司',
    'errors.customers.reporting_cycle': '联系人不能向自己或其下属汇报',
    'errors.customers.reports_to_unlinked': '汇报对象必须关联到同一客户公司',
    'customers.relationships.role_taken': '角色代码 {key} 已被使用',
    'customers.relationships.unknown_role': '未知角色：{role}',
  },
  'zh-TW': {
    'customers.relationships.primary_needs_contact_edit': '此操作會變更聯絡人的所屬公司，需要編輯該聯絡人的權限',
    'errors.customers.hierarchy_cycle': '客戶公司不能成為自身或其下屬公司的子公司',
    'errors.customers.reporting_cycle': '聯絡人不能向自己或其下屬匯報',
    'errors.customers.reports_to_unlinked': '匯報對象必須關聯到同一客戶公司',
    'customers.relationships.role_taken': '角色代碼 {key} 已被使用',
    'customers.relationships.unknown_role': '未知角色：{role}',
  },
});

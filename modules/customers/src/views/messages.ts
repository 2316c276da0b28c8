import { registerErrorCodes, registerMessages } from '@voyage/kernel';

/** Error codes of saved list views. */
registerErrorCodes({ 'customers.view_readonly': 403, 'customers.view_share_forbidden': 403, 'customers.view_name_taken': 409 });

registerMessages({
  en: {
    'customers.view_not_found': 'The list view was not found.',
    'errors.customers.view_readonly': 'Only the owner of this view may change or delete it.',
    'errors.customers.view_share_forbidden': 'Sharing a view with the workspace needs the right to edit these records.',
    'errors.customers.view_name_taken': 'You already have a view named "{name}".',
    'customers.view_name_taken_field': 'You already have a view with this name.',
  },
  'zh-CN': {
    'customers.view_not_found': '未找到该列表视图。',
    'errors.customers.view_readonly': '只有该视图的创建者可以修改或删除它。',
    'errors.customers.view_share_forbidden': '与整个工作区共享视图需要编辑这些记录的权限。',
    'errors.customers.view_name_taken': '您已有名为“{name}”的视图。',
    'customers.view_name_taken_field': '您已有同名的视图。',
  },
  'zh-TW': {
    'customers.view_not_found': '找不到該清單檢視。',
    'errors.customers.view_readonly': '只有此檢視的建立者可以修改或刪除它。',
    'errors.customers.view_share_forbidden': '與整個工作區共用檢視需要編輯這些記錄的權限。',
    'errors.customers.view_name_taken': '您已有名為「{name}」的檢視。',
    'customers.view_name_taken_field': '您已有同名的檢視。',
  },
});

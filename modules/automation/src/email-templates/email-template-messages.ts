import { registerErrorCodes, registerMessages } from '@voyage/kernel';

export const EMAIL_TEMPLATE_ERRORS = {
  unknownMergeField: 'automation.email_template.unknown_merge_field',
  unknownObject: 'automation.email_template.unknown_object',
  nameTaken: 'automation.email_template.name_taken',
} as const;

registerErrorCodes({ [EMAIL_TEMPLATE_ERRORS.unknownMergeField]: 422, [EMAIL_TEMPLATE_ERRORS.unknownObject]: 422, [EMAIL_TEMPLATE_ERRORS.nameTaken]: 409 });

registerMessages({
  en: {
    'automation.email_template.what': 'email template',
    'automation.merge.owner_name': 'Owner · name',
    'automation.merge.owner_email': 'Owner · email',
    'automation.merge.recipient_email': 'Recipient · email',
    'automation.email_template.unknown_merge_field': '{field} uses the unknown merge field {merge}.',
    'errors.automation.email_template.unknown_merge_field': 'The template uses merge fields that do not exist: {fields}.',
    'errors.automation.email_template.unknown_object': '{field} is not a record kind workflows know.',
    'errors.automation.email_template.name_taken': 'An email template with this name already exists.',
  },
  'zh-CN': {
    'automation.email_template.what': '邮件模板',
    'automation.merge.owner_name': '负责人 · 姓名',
    'automation.merge.owner_email': '负责人 · 邮箱',
    'automation.merge.recipient_email': '收件人 · 邮箱',
    'automation.email_template.unknown_merge_field': '{field}使用了不存在的合并字段 {merge}。',
    'errors.automation.email_template.unknown_merge_field': '模板使用了不存在的合并字段：{fields}。',
    'errors.automation.email_template.unknown_object': '{field}不是工作流支持的记录类型。',
    'errors.automation.email_template.name_taken': '已存在同名的邮件模板。',
  },
  'zh-TW': {
    'automation.email_template.what': '郵件範本',
    'automation.merge.owner_name': '負責人 · 姓名',
    'automation.merge.owner_email': '負責人 · 電子郵件',
    'automation.merge.recipient_email': '收件人 · 電子郵件',
    'automation.email_template.unknown_merge_field': '{field}使用了不存在的合併欄位 {merge}。',
    'errors.automation.email_template.unknown_merge_field': '範本使用了不存在的合併欄位：{fields}。',
    'errors.automation.email_template.unknown_object': '{field}不是工作流程支援的記錄類型。',
    'errors.automation.email_template.name_taken': '已存在同名的郵件範本。',
  },
});

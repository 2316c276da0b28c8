import { registerErrorCodes, registerMessages } from '@voyage/kernel';

/** Error codes of leads and their statuses. */
export const LEAD_ERRORS = {
  alreadyConverted: 'sales.lead_already_converted',
  notConvertible: 'sales.lead_not_convertible',
  reasonRequired: 'sales.lead_reason_required',
  converted: 'sales.lead_converted_locked',
  importEmpty: 'sales.lead_import_empty',
  importNotText: 'sales.lead_import_not_text',
  importBadCsv: 'sales.lead_import_bad_csv',
  importUndone: 'sales.lead_import_undone',
  ruleInvalid: 'sales.lead_rule_invalid',
} as const;

registerErrorCodes({
  [LEAD_ERRORS.alreadyConverted]: 409, [LEAD_ERRORS.notConvertible]: 422, [LEAD_ERRORS.reasonRequired]: 422,
  [LEAD_ERRORS.converted]: 422, [LEAD_ERRORS.importEmpty]: 422, [LEAD_ERRORS.importNotText]: 422, [LEAD_ERRORS.importBadCsv]: 422, [LEAD_ERRORS.importUndone]: 409, [LEAD_ERRORS.ruleInvalid]: 400,
});

registerMessages({
  en: {
    'errors.sales.lead_already_converted': 'This lead was already converted',
    'errors.sales.lead_not_convertible': 'A disqualified lead cannot be converted; reopen it first',
    'errors.sales.lead_reason_required': 'Give a reason to disqualify the lead',
    'errors.sales.lead_converted_locked': 'A converted lead cannot be changed',
    'errors.sales.lead_import_empty': 'The file has no rows to import',
    'errors.sales.lead_import_not_text': 'The file is not a CSV text file (UTF-8, UTF-16 or GBK). Is it a spreadsheet saved under a .csv name?',
    'errors.sales.lead_import_bad_csv': 'The file cannot be read as CSV: a quote is not closed or misplaced on line {line}.',
    'errors.sales.lead_import_undone': 'This import was already undone',
    'errors.sales.lead_rule_invalid': '{field} is required for this kind of rule',
    'sales.field.invalid_email': '{field} is not a valid email address',
    'sales.field.invalid_phone': '{field} is not a possible phone number',
    'sales.field.invalid_value': '{field} has a value that is not allowed',
    'sales.timeline.lead_converted': 'Converted from lead {name}',
  },
  'zh-CN': {
    'errors.sales.lead_already_converted': '该线索已经转化过了',
    'errors.sales.lead_not_convertible': '已判定无效的线索不能转化，请先重新打开',
    'errors.sales.lead_reason_required': '判定线索无效需要填写原因',
    'errors.sales.lead_converted_locked': '已转化的线索不能再修改',
    'errors.sales.lead_import_empty': '文件中没有可导入的行',
    'errors.sales.lead_import_not_text': '该文件不是 CSV 文本文件（UTF-8、UTF-16 或 GBK）。是否把表格改成了 .csv 后缀？',
    'errors.sales.lead_import_bad_csv': '无法作为 CSV 读取：第 {line} 行的引号未闭合或位置不对。',
    'errors.sales.lead_import_undone': '此次导入已经撤销',
    'errors.sales.lead_rule_invalid': '此类规则必须填写 {field}',
    'sales.field.invalid_email': '{field} 不是有效的邮箱地址',
    'sales.field.invalid_phone': '{field} 不是可能的电话号码',
    'sales.field.invalid_value': '{field} 的值不在允许范围内',
    'sales.timeline.lead_converted': '由线索 {name} 转化而来',
  },
  'zh-TW': {
    'errors.sales.lead_already_converted': '此潛在客戶已經轉換過了',
    'errors.sales.lead_not_convertible': '已判定無效的潛在客戶不能轉換，請先重新開啟',
    'errors.sales.lead_reason_required': '判定潛在客戶無效需要填寫原因',
    'errors.sales.lead_converted_locked': '已轉換的潛在客戶不能再修改',
    'errors.sales.lead_import_empty': '檔案中沒有可匯入的列',
    'errors.sales.lead_import_not_text': '該檔案不是 CSV 文字檔（UTF-8、UTF-16 或 GBK）。是否把試算表改成了 .csv 副檔名？',
    'errors.sales.lead_import_bad_csv': '無法作為 CSV 讀取：第 {line} 行的引號未閉合或位置不對。',
    'errors.sales.lead_import_undone': '此次匯入已經復原',
    'errors.sales.lead_rule_invalid': '此類規則必須填寫 {field}',
    'sales.field.invalid_email': '{field} 不是有效的電子郵件地址',
    'sales.field.invalid_phone': '{field} 不是可能的電話號碼',
    'sales.field.invalid_value': '{field} 的值不在允許範圍內',
    'sales.timeline.lead_converted': '由潛在客戶 {name} 轉換而來',
  },
});

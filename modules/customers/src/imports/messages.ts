import { registerErrorCodes, registerMessages } from '@voyage/kernel';

registerErrorCodes({ 'imports.empty_file': 422, 'imports.not_editable': 422, 'imports.not_mapped': 422, 'imports.not_done': 422, 'imports.changed_since': 422 });

registerMessages({
  en: {
    'imports.empty_file': 'The file has no rows.',
    'imports.not_editable': 'This import has already run.',
    'imports.not_mapped': 'Map the columns first; an import runs once.',
    'imports.not_done': 'Only a finished import can be undone.',
    'imports.changed_since': 'Some imported records were changed since; undo anyway to overwrite those changes.',
    'imports.name_unmapped': 'Map a column to the name.',
    'imports.duplicate_out_of_scope': 'The matching record is outside what you may update.',
    'imports.row_column': 'Row',
    'imports.error_column': 'Error',
  },
  'zh-CN': {
    'imports.empty_file': '文件中没有数据行。',
    'imports.not_editable': '此导入已经运行过。',
    'imports.not_mapped': '请先完成字段映射；每个导入只运行一次。',
    'imports.not_done': '只有已完成的导入可以撤销。',
    'imports.changed_since': '部分导入的记录此后已被修改；确认撤销将覆盖这些修改。',
    'imports.name_unmapped': '请将一列映射到名称。',
    'imports.duplicate_out_of_scope': '匹配到的记录不在您可修改的范围内。',
    'imports.row_column': '行号',
    'imports.error_column': '错误',
  },
  'zh-TW': {
    'imports.empty_file': '檔案中沒有資料列。',
    'imports.not_editable': '此匯入已經執行過。',
    'imports.not_mapped': '請先完成欄位對應；每個匯入只執行一次。',
    'imports.not_done': '只有已完成的匯入可以復原。',
    'imports.changed_since': '部分匯入的記錄此後已被修改；確認復原將覆寫這些修改。',
    'imports.name_unmapped': '請將一欄對應到名稱。',
    'imports.duplicate_out_of_scope': '比對到的記錄不在您可修改的範圍內。',
    'imports.row_column': '列號',
    'imports.error_column': '錯誤',
  },
});

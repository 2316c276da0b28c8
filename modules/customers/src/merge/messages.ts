import { registerErrorCodes, registerMessages } from '@voyage/kernel';

registerErrorCodes({
  'customers.merge_same_record': 422,
  'customers.merge_other_workspace': 422,
  'customers.merge_deleted': 422,
  'customers.merged_not_restorable': 422,
  'customers.duplicate_pair_mismatch': 422,
});

registerMessages({
  en: {
    'customers.merge_same_record': 'A record cannot be merged into itself.',
    'customers.merge_other_workspace': 'Both records must belong to this workspace.',
    'customers.merge_deleted': 'The record in {field} is in the trash; restore it before merging.',
    'customers.merged_not_restorable': 'This record was merged into another one and cannot be restored.',
    'customers.duplicate_pair_mismatch': 'The pair in {field} is not these two records.',
    'customers.merge_unknown_field': '{field} is not a field that can be merged.',
    'timeline.merged': 'Merged {name} into this record',
    'customers.scan_failed': 'The duplicate scan failed.',
  },
  'zh-CN': {
    'customers.merge_same_record': '不能将记录与自身合并。',
    'customers.merge_other_workspace': '两条记录必须属于当前工作区。',
    'customers.merge_deleted': '{field} 中的记录已在回收站中，请先恢复再合并。',
    'customers.merged_not_restorable': '此记录已合并到另一条记录，无法恢复。',
    'customers.duplicate_pair_mismatch': '{field} 中的重复对与这两条记录不符。',
    'customers.merge_unknown_field': '{field} 不是可合并的字段。',
    'timeline.merged': '已将 {name} 合并到此记录',
    'customers.scan_failed': '查重扫描失败。',
  },
  'zh-TW': {
    'customers.merge_same_record': '不能將記錄與自身合併。',
    'customers.merge_other_workspace': '兩筆記錄必須屬於目前的工作區。',
    'customers.merge_deleted': '{field} 中的記錄已在資源回收筒中，請先還原再合併。',
    'customers.merged_not_restorable': '此記錄已合併到另一筆記錄，無法還原。',
    'customers.duplicate_pair_mismatch': '{field} 中的重複配對與這兩筆記錄不符。',
    'customers.merge_unknown_field': '{field} 不是可合併的欄位。',
    'timeline.merged': '已將 {name} 合併到此記錄',
    'customers.scan_failed': '查重掃描失敗。',
  },
});

import { registerMessages } from '@voyage/kernel';

registerMessages({
  en: { 'customers.tag_exists': 'A tag named "{name}" already exists.', 'customers.segment_readonly': 'Only the owner of this segment or an administrator may change it.', 'customers.segment_not_static': 'Members can only be added to or removed from a static list.' },
  'zh-CN': { 'customers.tag_exists': '已存在名为“{name}”的标签。', 'customers.segment_readonly': '只有该细分的负责人或管理员可以修改它。', 'customers.segment_not_static': '只能向静态列表添加或移除成员。' },
  'zh-TW': { 'customers.tag_exists': '已存在名為「{name}」的標籤。', 'customers.segment_readonly': '只有此區隔的負責人或管理員可以修改它。', 'customers.segment_not_static': '只能向靜態清單新增或移除成員。' },
});

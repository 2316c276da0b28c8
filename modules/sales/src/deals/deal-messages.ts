import { registerErrorCodes, registerMessages } from '@voyage/kernel';

/** Error codes of pipelines and deals, and their statuses. */
export const DEAL_ERRORS = {
  stageInUse: 'sales.stage_in_use',
  requiredFieldsMissing: 'sales.stage_required_fields',
  reasonRequired: 'sales.close_reason_required',
} as const;

registerErrorCodes({ [DEAL_ERRORS.stageInUse]: 409, [DEAL_ERRORS.requiredFieldsMissing]: 422, [DEAL_ERRORS.reasonRequired]: 422 });

registerMessages({
  en: {
    'sales.stage_in_use': 'The stage "{stage}" still has {count} deal(s); move them first',
    'sales.stage_required_fields': 'Fill in {fields} before moving the deal to "{stage}"',
    'sales.close_reason_required': 'Give a {field} to mark the deal {status}',
    'sales.stage_last_open': 'A pipeline needs at least one open stage',
    'sales.stage_order': 'Send every stage of the pipeline exactly once',
    'sales.field.unknown_stage': 'Unknown stage in {field}',
    'sales.field.unknown_pipeline': 'Unknown pipeline in {field}',
    'sales.field.unknown_record': 'No such record for {field}',
    'sales.field.unknown_owner': 'The owner in {field} is not a member of this workspace',
    'sales.field.required': '{field} is required',
    'sales.status.won': 'won',
    'sales.status.lost': 'lost',
    'sales.timeline.deal_created': 'Deal created: {name}',
    'sales.timeline.deal_stage_changed': 'Deal {name} moved to {stage}',
    'sales.timeline.deal_won': 'Deal won: {name}',
    'sales.timeline.deal_lost': 'Deal lost: {name}',
  },
  'zh-CN': {
    'sales.stage_in_use': '阶段“{stage}”中还有 {count} 个商机，请先移走',
    'sales.stage_required_fields': '移入“{stage}”前请先填写：{fields}',
    'sales.close_reason_required': '标记为{status}需要填写{field}',
    'sales.stage_last_open': '销售流程至少需要一个进行中的阶段',
    'sales.stage_order': '请把流程的每个阶段各列出一次',
    'sales.field.unknown_stage': '{field} 中的阶段不存在',
    'sales.field.unknown_pipeline': '{field} 中的销售流程不存在',
    'sales.field.unknown_record': '{field} 指向的记录不存在',
    'sales.field.unknown_owner': '{field} 中的负责人不是本工作区成员',
    'sales.field.required': '{field} 为必填项',
    'sales.status.won': '赢单',
    'sales.status.lost': '输单',
    'sales.timeline.deal_created': '新建商机：{name}',
    'sales.timeline.deal_stage_changed': '商机 {name} 进入阶段 {stage}',
    'sales.timeline.deal_won': '商机赢单：{name}',
    'sales.timeline.deal_lost': '商机输单：{name}',
  },
  'zh-TW': {
    'sales.stage_in_use': '階段「{stage}」中還有 {count} 個商機，請先移走',
    'sales.stage_required_fields': '移入「{stage}」前請先填寫：{fields}',
    'sales.close_reason_required': '標記為{status}需要填寫{field}',
    'sales.stage_last_open': '銷售流程至少需要一個進行中的階段',
    'sales.stage_order': '請把流程的每個階段各列出一次',
    'sales.field.unknown_stage': '{field} 中的階段不存在',
    'sales.field.unknown_pipeline': '{field} 中的銷售流程不存在',
    'sales.field.unknown_record': '{field} 指向的記錄不存在',
    'sales.field.unknown_owner': '{field} 中的負責人不是本工作區成員',
    'sales.field.required': '{field} 為必填項',
    'sales.status.won': '贏單',
    'sales.status.lost': '輸單',
    'sales.timeline.deal_created': '新建商機：{name}',
    'sales.timeline.deal_stage_changed': '商機 {name} 進入階段 {stage}',
    'sales.timeline.deal_won': '商機贏單：{name}',
    'sales.timeline.deal_lost': '商機輸單：{name}',
  },
});

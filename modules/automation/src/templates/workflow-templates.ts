import { AUTOMATION_EVENTS, type TWorkflowGraph } from '@voyage/contracts';
import type { Locale } from '@voyage/kernel';
import { graph } from './template-graph';

type Text = Record<Locale, string>;
const text = (zhCN: string, zhTW: string, en: string): Text => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** An email template a workflow template brings along (reused when one of that name exists). */
export interface TemplateEmail { key: string; object: string; name: Text; subject: Text; body: Text }

/**
 * What an install may set: the numbers the requirements name, and the approval process to use.
 * The stall days themselves are each pipeline's (sales settings, the deal's `stalledAt`).
 */
export interface TemplateSettings { escalateAfterDays: number; thresholdMinor: number; processId: string | null; openTimeoutHours: number }

export const DEFAULT_TEMPLATE_SETTINGS: Omit<TemplateSettings, 'processId'> = { escalateAfterDays: 7, thresholdMinor: 500_000_00, openTimeoutHours: 72 };

export interface WorkflowTemplate {
  key: string;
  name: Text;
  description: Text;
  emails: TemplateEmail[];
  /** Installed, published and switched on in every workspace once (see `install-default-workflows.ts`). */
  installByDefault?: boolean;
  /** Modules besides automation that must be on for it (its records and actions). */
  modules?: string[];
  /** The graph in the installer's language, with the ids of the email templates it uses. */
  build(locale: Locale, settings: TemplateSettings, emailIds: Record<string, string>): TWorkflowGraph;
}

const and = (...rules: Array<{ field: string; operator: string; value?: unknown }>) => ({ op: 'and' as const, rules });
const end = { type: 'end' as const };

const stalledDeal: WorkflowTemplate = {
  key: 'stalled_deal',
  name: text('商机停滞提醒', '商機停滯提醒', 'Stalled deal'),
  description: text(
    '商机在销售流程设定的天数（默认 14 天）内无活动即为停滞：提醒负责人（站内和邮件）并为其创建跟进任务；再过 7 天仍无活动则通知其上级',
    '商機在銷售流程設定的天數（預設 14 天）內無活動即為停滯：提醒負責人（站內與郵件）並為其建立跟進任務；再過 7 天仍無活動則通知其上級',
    'A deal with no activity for its pipeline\'s stall days (14 by default) is stalled: its owner is alerted (in the app and by email) and gets a follow-up task; after 7 more idle days the owner\'s supervisor is notified',
  ),
  emails: [],
  installByDefault: true,
  modules: ['customers', 'sales'],
  build(locale, s) {
    const days = s.escalateAfterDays;
    const alertTitle = text('商机“{{record.name}}”已 {{record.idleDays}} 天没有进展', '商機「{{record.name}}」已 {{record.idleDays}} 天沒有進展', 'Deal "{{record.name}}" has had no activity for {{record.idleDays}} days');
    const alertBody = text('商机 {{record.name}} 已 {{record.idleDays}} 天没有任何活动，请安排下一步或更新商机。', '商機 {{record.name}} 已 {{record.idleDays}} 天沒有任何活動，請安排下一步或更新商機。', 'Nothing has happened on {{record.name}} for {{record.idleDays}} days. Plan the next step or update the deal.');
    const taskTitle = text('跟进停滞的商机“{{record.name}}”', '跟進停滯的商機「{{record.name}}」', 'Follow up the stalled deal "{{record.name}}"');
    const escalateTitle = text(`商机“{{record.name}}”提醒负责人后 ${days} 天仍无活动`, `商機「{{record.name}}」提醒負責人後 ${days} 天仍無活動`, `Deal "{{record.name}}" is still idle ${days} days after its owner was alerted`);
    const escalateBody = text(`已提醒负责人跟进商机 {{record.name}}，但之后 ${days} 天仍没有任何活动。`, `已提醒負責人跟進商機 {{record.name}}，但之後 ${days} 天仍沒有任何活動。`, `The owner of {{record.name}} was alerted and given a follow-up task; nothing has happened on the deal in the ${days} days since.`);
    return graph([
      // "Stalled since" (sales): last activity + the pipeline's stall days; empty when the deal is closed or the pipeline's alert is off.
      ['trigger', 0, 0, { type: 'trigger', trigger: { kind: 'date_relative', object: 'deal', field: 'stalledAt', offsetDays: 0, filter: and({ field: 'status', operator: 'eq', value: 'open' }, { field: 'ownerId', operator: 'is_not_empty' }) } }],
      ['still_open', 1, 0, { type: 'condition', rules: and({ field: 'status', operator: 'eq', value: 'open' }) }],
      // The alert first: it reads the idle days before the task (activity on the deal) resets them.
      ['notify_owner', 2, 0, { type: 'action', action: 'automation.notify', input: { owner: true, title: alertTitle[locale], body: alertBody[locale], email: true } }],
      ['closed', 2, 1, end],
      ['task', 3, 0, { type: 'action', action: 'sales.create_task', input: { title: taskTitle[locale], dueInDays: 1, priority: 'high', assignee: 'owner' } }],
      // An hour more than the escalation days: the task's own activity is written a moment after this step, and must be older than them by then.
      ['wait', 4, 0, { type: 'wait', wait: { mode: 'duration', duration: { amount: days * 24 + 1, unit: 'hours' } } }],
      // The follow-up task counts as activity on the deal (sales), so "still idle" is measured from it: nothing since for the escalation days.
      ['still_idle', 5, 0, { type: 'condition', rules: and({ field: 'status', operator: 'eq', value: 'open' }, { field: 'lastActivityAt', operator: 'more_than_days_ago', value: days }) }],
      ['notify_supervisor', 6, 0, { type: 'action', action: 'automation.notify', input: { supervisor: true, title: escalateTitle[locale], body: escalateBody[locale], email: true } }],
      ['active_again', 6, 1, end],
    ], [
      ['trigger', 'still_open'], ['still_open', 'notify_owner', 'true'], ['still_open', 'closed', 'false'], ['notify_owner', 'task'], ['task', 'wait'], ['wait', 'still_idle'],
      ['still_idle', 'notify_supervisor', 'true'], ['still_idle', 'active_again', 'false'],
    ]);
  },
};

const nextContact: WorkflowTemplate = {
  key: 'next_contact_reminder',
  name: text('下次联系提醒', '下次聯絡提醒', 'Next-contact reminder'),
  description: text('到了联系人的下次联系时间，为负责人创建当天的任务并发送通知', '到了聯絡人的下次聯絡時間，為負責人建立當天的任務並傳送通知', 'When a contact\'s next-contact time comes, a task for today and a notification for the owner'),
  emails: [],
  build(locale) {
    const title = text('联系 {{record.name}}', '聯絡 {{record.name}}', 'Contact {{record.name}}');
    return graph([
      ['trigger', 0, 0, { type: 'trigger', trigger: { kind: 'date_relative', object: 'contact', field: 'nextContactAt', offsetDays: 0 } }],
      ['task', 1, 0, { type: 'action', action: 'sales.create_task', input: { title: title[locale], dueInDays: 0, priority: 'normal', assignee: 'owner' } }],
      ['notify_owner', 2, 0, { type: 'action', action: 'automation.notify', input: { owner: true, title: title[locale] } }],
    ], [['trigger', 'task'], ['task', 'notify_owner']]);
  },
};

const dealWon: WorkflowTemplate = {
  key: 'deal_won',
  name: text('赢单欢迎', '贏單歡迎', 'Deal won'),
  description: text('商机赢单后向主要联系人发送欢迎邮件，并为客户公司负责人创建开通任务', '商機贏單後向主要聯絡人寄送歡迎郵件，並為客戶公司負責人建立導入任務', 'When a deal is won: a welcome email to its primary contact and an onboarding task for the account owner'),
  emails: [{
    key: 'welcome_customer', object: 'deal',
    name: text('赢单欢迎邮件', '贏單歡迎郵件', 'Welcome a new customer'),
    subject: text('欢迎成为我们的客户', '歡迎成為我們的客戶', 'Welcome aboard'),
    body: text('<p>您好：</p><p>感谢您选择我们（{{record.name}}）。{{owner.name}} 将陪伴您完成后续的开通工作。</p>', '<p>您好：</p><p>感謝您選擇我們（{{record.name}}）。{{owner.name}} 將陪伴您完成後續的導入工作。</p>', '<p>Hello,</p><p>Thank you for choosing us ({{record.name}}). {{owner.name}} will guide you through getting started.</p>'),
  }],
  build(locale, _s, emailIds) {
    const title = text('客户开通：{{record.name}}', '客戶導入：{{record.name}}', 'Onboard the customer: {{record.name}}');
    return graph([
      ['trigger', 0, 0, { type: 'trigger', trigger: { kind: 'field_changed', object: 'deal', field: 'status', to: 'won' } }],
      ['welcome', 1, 0, { type: 'action', action: 'automation.send_email', input: { templateId: emailIds.welcome_customer, to: 'linked', linkField: 'primaryContactId' } }],
      ['onboarding', 2, 0, { type: 'action', action: 'sales.create_task', input: { title: title[locale], dueInDays: 3, priority: 'high', assignee: 'linked_owner', linkField: 'accountId' } }],
    ], [['trigger', 'welcome'], ['welcome', 'onboarding']]);
  },
};

const largeDealApproval: WorkflowTemplate = {
  key: 'large_deal_approval',
  name: text('大额商机审批', '大額商機審批', 'Large-deal approval'),
  description: text(
    '进行中商机的金额超过阈值，或某产品明细的折扣超过价格表允许的最大折扣时提交审批（已有待审批时不再提交）；审批结果通知负责人',
    '進行中商機的金額超過門檻，或某產品明細的折扣超過價格表允許的最大折扣時提交審批（已有待審批時不再提交）；審批結果通知負責人',
    'An open deal goes to approval when its amount is above a threshold or a product line\'s discount is above its price book\'s maximum (not again while a request is pending); the owner hears the outcome',
  ),
  emails: [],
  build(locale, s) {
    const approved = text('商机“{{record.name}}”已通过审批', '商機「{{record.name}}」已通過審批', 'Deal "{{record.name}}" was approved');
    const notDecided = text('商机“{{record.name}}”的审批 7 天内未通过', '商機「{{record.name}}」的審批 7 天內未通過', 'Deal "{{record.name}}" was not approved within 7 days');
    // A line's discount changes the line total, so the deal amount changes with it: both rules start from an amount change.
    const needsApproval = {
      op: 'and' as const,
      rules: [
        { field: 'status', operator: 'eq', value: 'open' },
        { field: 'approvalPending', operator: 'eq', value: false },
        { op: 'or' as const, rules: [{ field: 'amountMinor', operator: 'gt', value: s.thresholdMinor }, { field: 'discountAboveMax', operator: 'eq', value: true }] },
      ],
    };
    return graph([
      ['trigger', 0, 0, { type: 'trigger', trigger: { kind: 'field_changed', object: 'deal', field: 'amountMinor', filter: needsApproval } }],
      ['request', 1, 0, { type: 'action', action: 'automation.request_approval', input: s.processId ? { processId: s.processId } : {} }],
      ['decision', 2, 0, { type: 'wait', wait: { mode: 'event', event: AUTOMATION_EVENTS.approvalApproved, timeout: { amount: 7, unit: 'days' } } }],
      ['tell_approved', 3, 0, { type: 'action', action: 'automation.notify', input: { owner: true, title: approved[locale] } }],
      ['tell_pending', 3, 1, { type: 'action', action: 'automation.notify', input: { owner: true, title: notDecided[locale] } }],
    ], [['trigger', 'request'], ['request', 'decision'], ['decision', 'tell_approved', 'event'], ['decision', 'tell_pending', 'timeout']]);
  },
};

const welcomeSequence: WorkflowTemplate = {
  key: 'welcome_sequence',
  name: text('欢迎邮件序列', '歡迎郵件序列', 'Welcome sequence'),
  description: text('新建联系人后发送欢迎邮件；72 小时内未打开则再发一封', '新增聯絡人後寄送歡迎郵件；72 小時內未開啟則再寄一封', 'A welcome email to each new contact; if it is not opened within 72 hours, a second one'),
  emails: [{
    key: 'welcome_1', object: 'contact',
    name: text('欢迎邮件', '歡迎郵件', 'Welcome'),
    subject: text('{{record.name}}，欢迎！', '{{record.name}}，歡迎！', 'Welcome, {{record.name}}!'),
    body: text('<p>{{record.name}}，您好：</p><p>很高兴认识您。有任何问题，请直接回复这封邮件联系 {{owner.name}}。</p>', '<p>{{record.name}}，您好：</p><p>很高興認識您。有任何問題，請直接回覆這封郵件聯絡 {{owner.name}}。</p>', '<p>Hello {{record.name}},</p><p>Glad to meet you. Any question: just reply to this email and {{owner.name}} will answer.</p>'),
  }, {
    key: 'welcome_2', object: 'contact',
    name: text('欢迎邮件（再次）', '歡迎郵件（再次）', 'Welcome (second)'),
    subject: text('{{record.name}}，别错过这些内容', '{{record.name}}，別錯過這些內容', '{{record.name}}, in case you missed it'),
    body: text('<p>{{record.name}}，您好：</p><p>之前的欢迎邮件您可能还没看到。{{owner.name}} 随时乐意为您解答。</p>', '<p>{{record.name}}，您好：</p><p>之前的歡迎郵件您可能還沒看到。{{owner.name}} 隨時樂意為您解答。</p>', '<p>Hello {{record.name}},</p><p>You may have missed our welcome email. {{owner.name}} is happy to help any time.</p>'),
  }],
  build(_locale, s, emailIds) {
    return graph([
      ['trigger', 0, 0, { type: 'trigger', trigger: { kind: 'record_created', object: 'contact', filter: and({ field: 'email', operator: 'is_not_empty' }) } }],
      ['welcome', 1, 0, { type: 'action', action: 'automation.send_email', input: { templateId: emailIds.welcome_1, to: 'record' } }],
      ['opened', 2, 0, { type: 'wait', wait: { mode: 'event', event: AUTOMATION_EVENTS.emailOpened, timeout: { amount: s.openTimeoutHours, unit: 'hours' } } }],
      ['done', 3, 0, end],
      ['second', 3, 1, { type: 'action', action: 'automation.send_email', input: { templateId: emailIds.welcome_2, to: 'record' } }],
    ], [['trigger', 'welcome'], ['welcome', 'opened'], ['opened', 'done', 'event'], ['opened', 'second', 'timeout']]);
  },
};

/** The ready-made workflows of issue 6 item 5, in the order the gallery shows them. */
export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [stalledDeal, nextContact, dealWon, largeDealApproval, welcomeSequence];
export const workflowTemplate = (key: string) => WORKFLOW_TEMPLATES.find((t) => t.key === key);

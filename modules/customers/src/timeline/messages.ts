import { registerMessages } from '@voyage/kernel';

registerMessages({
  en: {
    'timeline.record_created': '{object} created',
    'timeline.field_change': '{count} field(s) changed',
    'timeline.follow_up.call': 'Call', 'timeline.follow_up.email': 'Email', 'timeline.follow_up.sms': 'SMS', 'timeline.follow_up.visit': 'Visit', 'timeline.follow_up.meeting': 'Meeting',
    'timeline.reminder_title': 'Follow up with {name}',
    'timeline.reminder_body': 'Planned next contact. Last follow-up: {summary}',
    'timeline.reminder_subject': 'Reminder: follow up with {name}',
    'timeline.object.contact': 'Contact', 'timeline.object.account': 'Account',
  },
  'zh-CN': {
    'timeline.record_created': '创建了{object}',
    'timeline.field_change': '修改了 {count} 个字段',
    'timeline.follow_up.call': '电话', 'timeline.follow_up.email': '邮件', 'timeline.follow_up.sms': '短信', 'timeline.follow_up.visit': '拜访', 'timeline.follow_up.meeting': '会议',
    'timeline.reminder_title': '跟进提醒：{name}',
    'timeline.reminder_body': '已到计划的下次联系时间。上次跟进：{summary}',
    'timeline.reminder_subject': '跟进提醒：{name}',
    'timeline.object.contact': '联系人', 'timeline.object.account': '客户公司',
  },
  'zh-TW': {
    'timeline.record_created': '建立了{object}',
    'timeline.field_change': '修改了 {count} 個欄位',
    'timeline.follow_up.call': '電話', 'timeline.follow_up.email': '郵件', 'timeline.follow_up.sms': '簡訊', 'timeline.follow_up.visit': '拜訪', 'timeline.follow_up.meeting': '會議',
    'timeline.reminder_title': '跟進提醒：{name}',
    'timeline.reminder_body': '已到計劃的下次聯絡時間。上次跟進：{summary}',
    'timeline.reminder_subject': '跟進提醒：{name}',
    'timeline.object.contact': '聯絡人', 'timeline.object.account': '客戶公司',
  },
});

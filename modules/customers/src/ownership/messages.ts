import { registerErrorCodes, registerMessages } from '@voyage/kernel';

registerErrorCodes({
  'customers.pool_already_claimed': 409,
  'customers.pool_not_in_pool': 422,
  'customers.pool_not_visible': 403,
  'customers.pool_daily_limit': 422,
  'customers.pool_owned_limit': 422,
  'customers.pool_cooldown': 422,
  'customers.owner_not_member': 422,
  'customers.rule_unknown_user': 422,
});

registerMessages({
  en: {
    'errors.customers.pool_already_claimed': 'Someone else has just claimed this record',
    'errors.customers.pool_not_in_pool': 'This record is not in the public pool',
    'errors.customers.pool_not_visible': 'Your role cannot use the public pool',
    'errors.customers.pool_daily_limit': 'You have reached today\'s claim limit of {limit}',
    'errors.customers.pool_owned_limit': 'You already own {limit} level {level} customers, the most allowed',
    'errors.customers.pool_cooldown': 'You released this record recently and can claim it again from {date}',
    'errors.customers.owner_not_member': 'The new owner is not an active member of this workspace',
    'errors.customers.rule_unknown_user': 'Every user of a rule must be an active member of this workspace',
    'customers.ownership.warning_title': '{name} returns to the public pool on {date}',
    'customers.ownership.warning_body': 'No follow-up since {since}. Log a follow-up to keep this customer.',
    'customers.ownership.reclaimed_title': '{name} was returned to the public pool',
  },
  'zh-CN': {
    'errors.customers.pool_already_claimed': '该记录刚被其他人领取',
    'errors.customers.pool_not_in_pool': '该记录不在公海中',
    'errors.customers.pool_not_visible': '您的角色无法使用公海',
    'errors.customers.pool_daily_limit': '您今天已达到领取上限（{limit} 个）',
    'errors.customers.pool_owned_limit': '您已拥有 {limit} 个 {level} 级客户，已达上限',
    'errors.customers.pool_cooldown': '您最近释放过该记录，{date} 起才能再次领取',
    'errors.customers.owner_not_member': '新负责人不是本工作区的有效成员',
    'errors.customers.rule_unknown_user': '规则中的用户必须都是本工作区的有效成员',
    'customers.ownership.warning_title': '{name} 将于 {date} 退回公海',
    'customers.ownership.warning_body': '自 {since} 起没有跟进记录。添加跟进即可保留该客户。',
    'customers.ownership.reclaimed_title': '{name} 已退回公海',
  },
  'zh-TW': {
    'errors.customers.pool_already_claimed': '該記錄剛被其他人領取',
    'errors.customers.pool_not_in_pool': '該記錄不在公海中',
    'errors.customers.pool_not_visible': '您的角色無法使用公海',
    'errors.customers.pool_daily_limit': '您今天已達到領取上限（{limit} 個）',
    'errors.customers.pool_owned_limit': '您已擁有 {limit} 個 {level} 級客戶，已達上限',
    'errors.customers.pool_cooldown': '您最近釋放過該記錄，{date} 起才能再次領取',
    'errors.customers.owner_not_member': '新負責人不是本工作區的有效成員',
    'errors.customers.rule_unknown_user': '規則中的使用者必須都是本工作區的有效成員',
    'customers.ownership.warning_title': '{name} 將於 {date} 退回公海',
    'customers.ownership.warning_body': '自 {since} 起沒有跟進記錄。新增跟進即可保留該客戶。',
    'customers.ownership.reclaimed_title': '{name} 已退回公海',
  },
});

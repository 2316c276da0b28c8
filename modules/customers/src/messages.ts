import { registerMessages } from '@voyage/kernel';

registerMessages({
  en: { 'customers.duplicate_hidden': 'A record you do not have access to' },
  'zh-CN': { 'customers.duplicate_hidden': '您无权查看的记录' },
  'zh-TW': { 'customers.duplicate_hidden': '您無權檢視的記錄' },
});

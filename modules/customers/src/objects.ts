import { localized } from '@voyage/kernel';
import { accounts, contacts } from './db/schema';

const l = localized;

const common = {
  name: l('名称', '名稱', 'Name'),
  ownerId: l('负责人', '負責人', 'Owner'),
  tags: l('标签', '標籤', 'Tags'),
  lifecycleStage: l('生命周期阶段', '生命週期階段', 'Lifecycle stage'),
  createdAt: l('创建时间', '建立時間', 'Created'),
  updatedAt: l('更新时间', '更新時間', 'Updated'),
};

/** Objects of the customers module, with the labels roles and field rules show. */
export const customerObjects = [
  {
    key: 'account',
    labels: l('客户公司', '客戶公司', 'Account'),
    table: accounts,
    fields: [
      { key: 'name', labels: l('公司名称', '公司名稱', 'Name') },
      { key: 'legalName', labels: l('法定名称', '法定名稱', 'Legal name') },
      { key: 'industry', labels: l('行业', '行業', 'Industry') },
      { key: 'region', labels: l('地区', '地區', 'Region') },
      { key: 'size', labels: l('规模', '規模', 'Size') },
      { key: 'website', labels: l('网站', '網站', 'Website') },
      { key: 'phone', labels: l('电话', '電話', 'Phone'), sensitive: true },
      { key: 'ownerId', labels: common.ownerId },
      { key: 'parentAccountId', labels: l('上级公司', '上級公司', 'Parent account') },
      { key: 'tags', labels: common.tags },
      { key: 'lifecycleStage', labels: common.lifecycleStage },
    ],
  },
  {
    key: 'contact',
    labels: l('联系人', '聯絡人', 'Contact'),
    table: contacts,
    fields: [
      { key: 'name', labels: l('姓名', '姓名', 'Name') },
      { key: 'email', labels: l('邮箱', '電子郵件', 'Email'), sensitive: true },
      { key: 'phone', labels: l('电话', '電話', 'Phone'), sensitive: true },
      { key: 'mobile', labels: l('手机', '手機', 'Mobile'), sensitive: true },
      { key: 'title', labels: l('职位', '職稱', 'Title') },
      { key: 'accountId', labels: l('所属公司', '所屬公司', 'Account') },
      { key: 'ownerId', labels: common.ownerId },
      { key: 'tags', labels: common.tags },
      { key: 'lifecycleStage', labels: common.lifecycleStage },
    ],
  },
];

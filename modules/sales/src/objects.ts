import { localized } from '@voyage/kernel';
import { deals } from './db/pipelines';
import { tasks } from './db/tasks';
import { leads } from './db/leads';

const l = localized;

/** Objects of the sales module, with the labels roles and field rules show. */
export const salesObjects = [
  {
    key: 'deal',
    labels: l('商机', '商機', 'Deal'),
    table: deals,
    fields: [
      { key: 'name', labels: l('商机名称', '商機名稱', 'Name') },
      { key: 'amountMinor', labels: l('金额', '金額', 'Amount'), sensitive: true },
      { key: 'closeDate', labels: l('预计成交日期', '預計成交日期', 'Close date') },
      { key: 'probability', labels: l('赢率', '贏率', 'Probability') },
      { key: 'stageId', labels: l('阶段', '階段', 'Stage') },
      { key: 'ownerId', labels: l('负责人', '負責人', 'Owner') },
      { key: 'accountId', labels: l('客户公司', '客戶公司', 'Account') },
      { key: 'forecastCategory', labels: l('预测类别', '預測類別', 'Forecast category') },
    ],
  },
  {
    key: 'lead',
    labels: l('线索', '潛在客戶', 'Lead'),
    table: leads,
    fields: [
      { key: 'name', labels: l('姓名', '姓名', 'Name') },
      { key: 'company', labels: l('公司', '公司', 'Company') },
      { key: 'email', labels: l('邮箱', '電子郵件', 'Email'), sensitive: true },
      { key: 'phone', labels: l('电话', '電話', 'Phone'), sensitive: true },
      { key: 'mobile', labels: l('手机', '手機', 'Mobile'), sensitive: true },
      { key: 'source', labels: l('来源', '來源', 'Source') },
      { key: 'status', labels: l('状态', '狀態', 'Status') },
      { key: 'ownerId', labels: l('负责人', '負責人', 'Owner') },
    ],
  },
  { key: 'product', labels: l('产品', '產品', 'Product'), fields: [] },
  { key: 'task', labels: l('任务', '任務', 'Task'), table: tasks, fields: [] },
  { key: 'target', labels: l('业绩目标', '業績目標', 'Target'), fields: [] },
];


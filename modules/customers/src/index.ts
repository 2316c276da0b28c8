import { defineModule, registerRecordTable } from '@voyage/kernel';
import { accounts, contacts } from './db/schema';
import { customerRoutes } from './http/customer.routes';
import { timelineRoutes } from './http/timeline.routes';
import { importRoutes } from './http/imports.routes';
import { runImportJob } from './imports/run-import.job';
import { buildExportJob } from './exports/build-export.job';
import { followUpReminderJob } from './follow-ups/follow-up-reminder.job';
import { timelineSubscriber } from './timeline/timeline-subscriber';
import { ownershipRoutes } from './http/ownership.routes';
import { dataQualityRoutes } from './http/data-quality.routes';
import { reclaimStaleRecordsJob } from './ownership/reclaim-stale-records.job';
import { duplicateScanJob } from './duplicates/scan/duplicate-scan.job';
import { customerObjects } from './objects';
import { accountSearch } from './search/search-accounts';
import { contactSearch } from './search/search-contacts';
import './messages';
import './ownership/messages';
import './timeline/messages';
import './relationships/messages';
import './tags/messages';
import './imports/messages';
import './merge/messages';
import { registerCustomerRecordServices } from './record-services';
import { customerAutomation } from './automation/record-sources';

// Lets custom fields of any object link to accounts and contacts (record_link).
registerRecordTable('account', { table: accounts, workspaceId: accounts.workspaceId, id: accounts.id, deletedAt: accounts.deletedAt, title: accounts.name, ownerId: accounts.ownerId });
registerRecordTable('contact', { table: contacts, workspaceId: contacts.workspaceId, id: contacts.id, deletedAt: contacts.deletedAt, title: contacts.name, ownerId: contacts.ownerId });
registerCustomerRecordServices();

/** Customers: accounts and contacts, the core every other module may reference (C1). */
export const customersModule = defineModule({
  key: 'customers',
  core: true,
  enabledByDefault: true,
  labels: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customers' },
  descriptions: { 'zh-CN': '客户公司与联系人', 'zh-TW': '客戶公司與聯絡人', en: 'Accounts and contacts' },
  objects: customerObjects,
  searchProviders: [contactSearch, accountSearch],
  routes: async (app) => {
    await customerRoutes(app);
    await timelineRoutes(app);
    await importRoutes(app);
    await ownershipRoutes(app);
    await dataQualityRoutes(app);
  },
  subscribers: [timelineSubscriber],
  automation: customerAutomation,
  jobs: [followUpReminderJob, runImportJob, buildExportJob, reclaimStaleRecordsJob, duplicateScanJob],
  nav: [
    { key: 'accounts', path: '/accounts', labels: { 'zh-CN': '客户公司', 'zh-TW': '客戶公司', en: 'Accounts' }, icon: 'building' },
    { key: 'contacts', path: '/contacts', labels: { 'zh-CN': '联系人', 'zh-TW': '聯絡人', en: 'Contacts' }, icon: 'users' },
    { key: 'pool', path: '/pool', labels: { 'zh-CN': '公海', 'zh-TW': '公海', en: 'Public pool' }, icon: 'inbox' },
    { key: 'lifecycle', path: '/reports/lifecycle', labels: { 'zh-CN': '生命周期漏斗', 'zh-TW': '生命週期漏斗', en: 'Lifecycle funnel' }, icon: 'analytics' },
    { key: 'data-quality', path: '/reports/data-quality', labels: { 'zh-CN': '数据质量', 'zh-TW': '資料品質', en: 'Data quality' }, icon: 'analytics' },
    { key: 'duplicates', path: '/duplicates', labels: { 'zh-CN': '查重', 'zh-TW': '查重', en: 'Duplicates' }, icon: 'copy' },
    { key: 'segments', path: '/segments', labels: { 'zh-CN': '客户细分', 'zh-TW': '客戶區隔', en: 'Segments' }, icon: 'filter' },
  ],
});

export { accounts, contacts } from './db/schema';

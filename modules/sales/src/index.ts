import { defineModule, registerRecordTable, registerRelatedActivity } from '@voyage/kernel';
import { dealActivitySource } from './deals/deal-activity-source';
import { deals } from './db/pipelines';
import { salesObjects } from './objects';
import { dealActivitySubscriber, dealMergeSubscriber, registerDealRoutes, registerPipelineRoutes } from './http/deal-routes';
import { taskRoutes } from './http/tasks.routes';
import { taskReminderJob } from './tasks/task-reminder.job';
import './tasks/messages';
import { productRoutes } from './http/products.routes';
import { targetRoutes } from './http/targets.routes';
import { performanceRoutes } from './http/performance.routes';
import { leadRoutes } from './http/leads.routes';
import { leads } from './db/leads';
import './leads/lead-messages';
import { forecastRoutes } from './http/forecast.routes';
import { salesAutomation } from './automation';

// The public pool's "no deal in N days" rule (customers module) reads deals through this.
registerRelatedActivity('deal', dealActivitySource);
// Lets tasks, custom record-link fields and other modules point at deals.
registerRecordTable('deal', { table: deals, workspaceId: deals.workspaceId, id: deals.id, deletedAt: deals.deletedAt, title: deals.name, ownerId: deals.ownerId });
registerRecordTable('lead', { table: leads, workspaceId: leads.workspaceId, id: leads.id, deletedAt: leads.deletedAt });

/**
 * Sales (S1–S10): pipelines and deals, products and price books, tasks and the calendar.
 * Builds on the customers module (deals reference accounts and contacts through the
 * kernel's record tables and events, never by importing the module).
 */
export const salesModule = defineModule({
  key: 'sales',
  dependsOn: ['customers'],
  enabledByDefault: true,
  labels: { 'zh-CN': '销售', 'zh-TW': '銷售', en: 'Sales' },
  descriptions: { 'zh-CN': '商机、销售流程、产品与任务', 'zh-TW': '商機、銷售流程、產品與任務', en: 'Deals, pipelines, products and tasks' },
  objects: salesObjects,
  routes: async (app) => {
    // Route plugins of each area are added here.
    registerPipelineRoutes(app); registerDealRoutes(app);
    await taskRoutes(app);
    productRoutes(app);
    targetRoutes(app); performanceRoutes(app);
    await leadRoutes(app);
    forecastRoutes(app);
  },
  subscribers: [dealMergeSubscriber, dealActivitySubscriber],
  jobs: [taskReminderJob],
  automation: salesAutomation,
  nav: [
    { key: 'leads', path: '/leads', labels: { 'zh-CN': '线索', 'zh-TW': '潛在客戶', en: 'Leads' }, icon: 'leads' },
    { key: 'deals', path: '/deals', labels: { 'zh-CN': '商机', 'zh-TW': '商機', en: 'Deals' }, icon: 'deals' },
    { key: 'my-day', path: '/my-day', labels: { 'zh-CN': '我的一天', 'zh-TW': '我的一天', en: 'My day' }, icon: 'checklist' },
    { key: 'calendar', path: '/calendar', labels: { 'zh-CN': '日历', 'zh-TW': '日曆', en: 'Calendar' }, icon: 'calendar' },
    { key: 'products', path: '/products', labels: { 'zh-CN': '产品', 'zh-TW': '產品', en: 'Products' }, icon: 'products' },
    { key: 'forecast', path: '/forecast', labels: { 'zh-CN': '销售预测', 'zh-TW': '銷售預測', en: 'Forecast' }, icon: 'forecast' },
    { key: 'targets', path: '/targets', labels: { 'zh-CN': '业绩目标', 'zh-TW': '業績目標', en: 'Targets' }, icon: 'targets' },
    { key: 'sales-performance', path: '/reports/sales', labels: { 'zh-CN': '销售业绩', 'zh-TW': '銷售業績', en: 'Sales performance' }, icon: 'sales-performance' },
    { key: 'price-books', path: '/price-books', labels: { 'zh-CN': '价格表', 'zh-TW': '價格表', en: 'Price books' }, icon: 'price-books' },
  ],
});

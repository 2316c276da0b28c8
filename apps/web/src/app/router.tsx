import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { setUnauthenticatedHandler } from '../api/client';
import { LoginPage } from '../features/auth/login-page';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SelectWorkspacePage } from '../features/auth/select-workspace-page';
import { AppLayout } from '../features/shell/app-layout';
import { HomePage } from '../features/home/home-page';
import { NotFoundPage } from '../features/shell/not-found-page';
import { RouteError } from '../features/shell/route-error';
import { loadSession, SESSION_KEY } from './session';
import { queryClient } from './query-client';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage, errorComponent: RouteError });

const safeNext = (value: unknown) => (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined);

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>) => ({ next: safeNext(search.next) }),
  component: LoginPage,
});
const forgotRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage });
const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>) => ({ token: typeof search.token === 'string' ? search.token : '' }),
  component: ResetPasswordPage,
});
// An approval email's link: decides without signing in (the signed token stands for the approver).
const approvalLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/approval-link',
  validateSearch: (search: Record<string, unknown>) => ({ token: typeof search.token === 'string' ? search.token : '' }),
  component: lazyRouteComponent(() => import('../features/automation/approvals/approval-link-page'), 'ApprovalLinkPage'),
});
const workspacesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workspaces',
  beforeLoad: async () => {
    const session = await loadSession();
    if (!session || session.mfaPending) throw redirect({ to: '/login', search: { next: undefined } });
  },
  component: SelectWorkspacePage,
});

/** Every staff screen sits below this layout, which needs a signed-in member of a workspace. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    const session = await loadSession();
    if (!session || session.mfaPending) throw redirect({ to: '/login', search: { next: location.href === '/' ? undefined : location.href } });
    if (!session.workspace) throw redirect({ to: '/workspaces' });
  },
  component: AppLayout,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const contactsRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts', component: lazyRouteComponent(() => import('../features/customers/contacts-page'), 'ContactsPage') });
const accountsRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts', component: lazyRouteComponent(() => import('../features/customers/accounts-page'), 'AccountsPage') });
const accountGraphRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts/$id/graph', component: lazyRouteComponent(() => import('../features/customers/relationships/account-graph-page'), 'AccountGraphPage') });
const poolRoute = createRoute({ getParentRoute: () => appRoute, path: '/pool', component: lazyRouteComponent(() => import('../features/customers/ownership/pool-page'), 'PoolPage') });
const lifecycleReportRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports/lifecycle', component: lazyRouteComponent(() => import('../features/customers/ownership/lifecycle-report-page'), 'LifecycleReportPage') });
const duplicatesRoute = createRoute({ getParentRoute: () => appRoute, path: '/duplicates', component: lazyRouteComponent(() => import('../features/customers/duplicates/duplicates-page'), 'DuplicatesPage') });
const mergeRoute = createRoute({ getParentRoute: () => appRoute, path: '/duplicates/merge', validateSearch: (search: Record<string, unknown>): { object?: string; a?: string; b?: string; pair?: string } => ({ object: typeof search.object === 'string' ? search.object : undefined, a: typeof search.a === 'string' ? search.a : undefined, b: typeof search.b === 'string' ? search.b : undefined, pair: typeof search.pair === 'string' ? search.pair : undefined }), component: lazyRouteComponent(() => import('../features/customers/duplicates/merge-page'), 'MergePage') });
const dataQualityRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports/data-quality', component: lazyRouteComponent(() => import('../features/customers/data-quality/data-quality-page'), 'DataQualityPage') });
const segmentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/segments', component: lazyRouteComponent(() => import('../features/customers/segments/segments-page'), 'SegmentsPage') });
const segmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/segments/$id',
  validateSearch: (search: Record<string, unknown>): { object?: string; kind?: string } => ({ object: typeof search.object === 'string' ? search.object : undefined, kind: typeof search.kind === 'string' ? search.kind : undefined }),
  component: lazyRouteComponent(() => import('../features/customers/segments/segment-editor-page'), 'SegmentEditorPage'),
});
const contactRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts/$id', component: lazyRouteComponent(() => import('../features/customers/record-page/record-page'), 'ContactRecordPage') });
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts/$id', component: lazyRouteComponent(() => import('../features/customers/record-page/record-page'), 'AccountRecordPage') });
const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports', component: lazyRouteComponent(() => import('../features/customers/imports/imports-history-page'), 'ImportsHistoryPage') });
const importNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports/new', validateSearch: (search: Record<string, unknown>): { object?: string } => ({ object: typeof search.object === 'string' ? search.object : undefined }), component: lazyRouteComponent(() => import('../features/customers/imports/import-wizard-page'), 'ImportWizardPage') });
const importRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports/$id', component: lazyRouteComponent(() => import('../features/customers/imports/import-wizard-page'), 'ImportWizardPage') });
const productsRoute = createRoute({ getParentRoute: () => appRoute, path: '/products', component: lazyRouteComponent(() => import('../features/sales/products/products-page'), 'ProductsPage') });
const priceBooksRoute = createRoute({ getParentRoute: () => appRoute, path: '/price-books', component: lazyRouteComponent(() => import('../features/sales/products/price-books-page'), 'PriceBooksPage') });
const leadsRoute = createRoute({ getParentRoute: () => appRoute, path: '/leads', component: lazyRouteComponent(() => import('../features/sales/leads/leads-page'), 'LeadsPage') });
const leadRoute = createRoute({ getParentRoute: () => appRoute, path: '/leads/$id', component: lazyRouteComponent(() => import('../features/sales/leads/lead-page'), 'LeadPage') });
const dealsRoute = createRoute({ getParentRoute: () => appRoute, path: '/deals', component: lazyRouteComponent(() => import('../features/sales/deals/deals-board-page'), 'DealsBoardPage') });
const dealRoute = createRoute({ getParentRoute: () => appRoute, path: '/deals/$id', component: lazyRouteComponent(() => import('../features/sales/deals/deal-page'), 'DealPage') });
const forecastRoute = createRoute({ getParentRoute: () => appRoute, path: '/forecast', component: lazyRouteComponent(() => import('../features/sales/forecast/forecast-page'), 'ForecastPage') });
const myDayRoute = createRoute({ getParentRoute: () => appRoute, path: '/my-day', component: lazyRouteComponent(() => import('../features/sales/tasks/my-day-page'), 'MyDayPage') });
const calendarRoute = createRoute({ getParentRoute: () => appRoute, path: '/calendar', component: lazyRouteComponent(() => import('../features/sales/tasks/calendar-page'), 'CalendarPage') });
const targetsRoute = createRoute({ getParentRoute: () => appRoute, path: '/targets', component: lazyRouteComponent(() => import('../features/sales/targets/targets-page'), 'TargetsPage') });
const salesPerformanceRoute = createRoute({ getParentRoute: () => appRoute, path: '/reports/sales', component: lazyRouteComponent(() => import('../features/sales/performance/sales-performance-page'), 'SalesPerformancePage') });
const workflowsRoute = createRoute({ getParentRoute: () => appRoute, path: '/automation/workflows', component: lazyRouteComponent(() => import('../features/automation/workflows/workflows-page'), 'WorkflowsPage') });
const workflowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/automation/workflows/$id',
  validateSearch: (search: Record<string, unknown>): { tab?: 'design' | 'runs'; run?: string } => ({ tab: search.tab === 'runs' ? 'runs' : undefined, run: typeof search.run === 'string' ? search.run : undefined }),
  component: lazyRouteComponent(() => import('../features/automation/workflows/workflow-page'), 'WorkflowPage'),
});
const approvalsRoute = createRoute({ getParentRoute: () => appRoute, path: '/approvals', component: lazyRouteComponent(() => import('../features/automation/approvals/approvals-inbox-page'), 'ApprovalsInboxPage') });
const approvalRoute = createRoute({ getParentRoute: () => appRoute, path: '/approvals/$id', component: lazyRouteComponent(() => import('../features/automation/approvals/approval-page'), 'ApprovalPage') });
const notificationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/notifications', component: lazyRouteComponent(() => import('../features/shell/notifications-page'), 'NotificationsPage') });

const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/settings', component: lazyRouteComponent(() => import('../features/settings/settings-layout'), 'SettingsLayout') });
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/account' });
  },
});
const settingsPage = <P extends string>(path: P, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => settingsRoute, path, component: lazyRouteComponent(load as () => Promise<Record<string, () => null>>, name) });

const settingsChildren = [
  settingsIndexRoute,
  settingsPage('/account', () => import('../features/settings/account-page'), 'AccountPage'),
  settingsPage('/security', () => import('../features/settings/security-page'), 'SecurityPage'),
  settingsPage('/users', () => import('../features/settings/users-page'), 'UsersPage'),
  settingsPage('/departments', () => import('../features/settings/departments-page'), 'DepartmentsPage'),
  settingsPage('/roles', () => import('../features/settings/roles-page'), 'RolesPage'),
  settingsPage('/modules', () => import('../features/settings/modules-page'), 'ModulesPage'),
  settingsPage('/custom-fields', () => import('../features/settings/custom-fields-page'), 'CustomFieldsPage'),
  settingsPage('/assignment-rules', () => import('../features/customers/ownership/assignment-rules-page'), 'AssignmentRulesPage'),
  settingsPage('/pool', () => import('../features/customers/ownership/pool-settings-page'), 'PoolSettingsPage'),
  settingsPage('/lead-assignment', () => import('../features/sales/leads/lead-assignment-rules-page'), 'LeadAssignmentRulesPage'),
  settingsPage('/pipelines', () => import('../features/sales/deals/pipelines-settings-page'), 'PipelinesSettingsPage'),
  settingsPage('/approval-processes', () => import('../features/automation/approvals/approval-processes-page'), 'ApprovalProcessesPage'),
  settingsPage('/email-templates', () => import('../features/automation/email-templates/email-templates-page'), 'EmailTemplatesPage'),
  settingsPage('/api-keys', () => import('../features/settings/api-keys-page'), 'ApiKeysPage'),
  settingsPage('/audit', () => import('../features/settings/audit-page'), 'AuditPage'),
  settingsPage('/mail', () => import('../features/settings/mail-page'), 'MailPage'),
  settingsPage('/outbox', () => import('../features/settings/outbox-page'), 'OutboxPage'),
];

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotRoute,
  resetRoute,
  approvalLinkRoute,
  workspacesRoute,
  appRoute.addChildren([homeRoute, contactsRoute, accountsRoute, contactRoute, accountRoute, segmentsRoute, segmentRoute, accountGraphRoute, poolRoute, lifecycleReportRoute, dataQualityRoute, duplicatesRoute, mergeRoute, importsRoute, importNewRoute, importRoute, leadsRoute, leadRoute, dealsRoute, dealRoute, productsRoute, priceBooksRoute, myDayRoute, calendarRoute, forecastRoute, targetsRoute, salesPerformanceRoute, workflowsRoute, workflowRoute, approvalsRoute, approvalRoute, notificationsRoute, settingsRoute.addChildren(settingsChildren)]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

// An expired session sends the user back to the sign-in page, keeping where they were.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(SESSION_KEY, null);
  const here = router.state.location.href;
  if (!here.startsWith('/login')) void router.navigate({ to: '/login', search: { next: here } });
});

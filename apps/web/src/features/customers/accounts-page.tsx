import { ACCOUNT_CONFIG } from './record-config';
import { RecordListPage } from './record-list-page';

export function AccountsPage() {
  return <RecordListPage key="account" config={ACCOUNT_CONFIG} />;
}

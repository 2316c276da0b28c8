import { CONTACT_CONFIG } from './record-config';
import { RecordListPage } from './record-list-page';

export function ContactsPage() {
  return <RecordListPage key="contact" config={CONTACT_CONFIG} />;
}

import { registerRecordPanel, type RecordPanelProps } from '../../customers/record-page/panels';
import { ApprovalPanel } from './approval-panel';

/** The same approval panel as on the deal page, on the 360° page of accounts and contacts (processes may target either). */
function RecordApprovalPanel({ object, id, record }: RecordPanelProps) {
  return <ApprovalPanel object={object} recordId={id} disabled={Boolean(record.deletedAt)} />;
}

registerRecordPanel({ key: 'approvals', objects: ['account', 'contact'], order: 5, titleKey: 'approvals.panelTitle', component: RecordApprovalPanel, frameless: true });

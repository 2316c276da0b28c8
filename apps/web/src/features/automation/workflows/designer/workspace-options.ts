import type { TApprovalProcess } from '@voyage/contracts';
import { api } from '../../../../api/client';

type Options = Array<{ value: string; label: string }>;

/**
 * Select options that depend on the workspace, which the catalogue's fixed options cannot carry
 * (the catalogue is declared once per module). Keyed `<action>.<field>`; each loads the
 * workspace's choices, narrowed to the workflow's object when that matters.
 */
const LOADERS: Record<string, (object: string | null) => Promise<Options>> = {
  'automation.request_approval.processId': async (object) => {
    const list = await api.get<{ data: TApprovalProcess[] }>('/approval-processes', { query: { object: object ?? undefined } });
    return list.data.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }));
  },
};

export const workspaceOptionsLoader = (action: string, field: string) => LOADERS[`${action}.${field}`];

import type { TWorkflowGraph } from '@voyage/contracts';
import { randomToken, sealSecret, sha256, type Context } from '@voyage/kernel';
import type { WorkflowRow } from '../db/workflows';
import { triggerOf } from './graph';

/** A webhook trigger gets its secret URL once its draft has one; the secret stays when the trigger changes back and forth. */
export function webhookSecretColumns(ctx: Context, graph: TWorkflowGraph, row?: Pick<WorkflowRow, 'webhookSecret'>): { webhookSecret?: string; webhookSecretHash?: string } {
  if (triggerOf(graph)?.trigger?.kind !== 'webhook' || row?.webhookSecret) return {};
  const secret = randomToken(24);
  return { webhookSecret: sealSecret(ctx.env.VOYAGE_SECRET, secret), webhookSecretHash: sha256(secret) };
}

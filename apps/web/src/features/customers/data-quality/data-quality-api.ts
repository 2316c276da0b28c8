import type { TDataQualityCheck, TDataQualityProblem, TDataQualityRecordsResponse, TDataQualityResponse, TDataQualityRow } from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject } from '../record-config';

export type { TDataQualityCheck, TDataQualityProblem, TDataQualityRecordsResponse, TDataQualityResponse, TDataQualityRow };

/** One cell of the report: the records of an owner (`none`: the pool; undefined: everyone) failing a check. */
export interface DataQualityCell {
  object: CustomerObject;
  owner?: string;
  ownerLabel: string;
  check?: string;
  checkLabel?: string;
  problem: TDataQualityProblem;
}

export const dataQualityApi = {
  report: (object: CustomerObject, signal?: AbortSignal) => api.get<TDataQualityResponse>('/customers/data-quality', { query: { object }, signal }),
  records: (cell: DataQualityCell, cursor: string | undefined, signal?: AbortSignal) =>
    api.get<TDataQualityRecordsResponse>('/customers/data-quality/records', {
      query: { object: cell.object, owner: cell.owner, check: cell.check, problem: cell.check ? cell.problem : undefined, cursor, limit: 50 },
      signal,
    }),
};

import { defineWorkspaceSweepJob } from '@voyage/kernel';
import { reclaimStaleRecords } from './reclaim-stale-records';

export const RECLAIM_JOB = 'customers.pool-reclaim';

/** Hourly: the reclaim rules for every workspace, each in its own transaction; warnings carry dedupe keys, so runs are idempotent. */
export const reclaimStaleRecordsJob = defineWorkspaceSweepJob(RECLAIM_JOB, 3600, reclaimStaleRecords);

import { defineWorkspaceSweepJob } from '@voyage/kernel';
import { sweepStalledDeals } from './sweep-stalled-deals';

export const STALLED_DEALS_JOB = 'sales.stalled-deals';

/** Hourly: the stalled-deal rule for every workspace; dedupe keys and the alert marks make a rerun send nothing twice. */
export const stalledDealsJob = defineWorkspaceSweepJob(STALLED_DEALS_JOB, 3600, sweepStalledDeals);

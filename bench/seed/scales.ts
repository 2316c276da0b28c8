/** Data-set sizes of `voyage seed --scale` and `npm run bench --scale`. */
export const SCALES = {
  '10k': { contacts: 10_000, accounts: 2_000, owners: 10 },
  '100k': { contacts: 100_000, accounts: 20_000, owners: 40 },
  '1m': { contacts: 1_000_000, accounts: 200_000, owners: 200 },
} as const;

export type Scale = keyof typeof SCALES;
export interface ScaleSize {
  contacts: number;
  accounts: number;
  owners: number;
}

export function isScale(value: unknown): value is Scale {
  return typeof value === 'string' && value in SCALES;
}

/**
 * Record kinds the issue asks for whose tables do not exist yet. The generator grows as their
 * modules land; until then the report lists them as not yet possible.
 */
export const NOT_YET_SEEDED = [
  'timeline entries (about ten per contact): the timeline table does not exist yet',
  'deals over pipelines and two years of history: the sales module does not exist yet',
  'tasks: the sales module does not exist yet',
] as const;

import { newId, type Database } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';

const POOL_CONTACTS: Array<[string, string, string]> = [
  ['黄晓明', 'A', 'lead'], ['林静', 'B', 'mql'], ['Kevin Zhou', 'B', 'lead'], ['何雨', 'C', 'subscriber'],
  ['马超', 'C', 'lead'], ['Emily Chen', 'C', 'subscriber'], ['高远', 'B', 'sql'], ['罗敏', 'C', 'lead'],
];
const POOL_ACCOUNTS: Array<[string, string, string, string]> = [
  ['杭州云帆信息技术有限公司', '华东', '软件', 'B'], ['深圳启明电子有限公司', '华南', '制造', 'C'], ['Northwind Trading Ltd.', '海外', 'Retail', 'C'],
];
const DAY_MS = 86_400_000;

/** Demo data for the public pool (公海): a few ownerless contacts and accounts to claim. */
export async function seedDemoPool(ctx: { database: Database; workspaceId: string }): Promise<void> {
  const now = Date.now();
  await ctx.database.db.insert(contacts).values(POOL_CONTACTS.map(([name, level, stage], i) => ({
    workspaceId: ctx.workspaceId, id: newId(), name, customerLevel: level, lifecycleStage: stage, ownerId: null, poolStatus: 'pool', poolEnteredAt: new Date(now - (i + 1) * DAY_MS),
  })));
  await ctx.database.db.insert(accounts).values(POOL_ACCOUNTS.map(([name, region, industry, level], i) => ({
    workspaceId: ctx.workspaceId, id: newId(), name, region, industry, customerLevel: level, ownerId: null, poolStatus: 'pool', poolEnteredAt: new Date(now - (i + 2) * DAY_MS),
  })));
}

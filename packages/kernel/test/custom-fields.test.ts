import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAutonumbers, createWorkspace, isValidAutonumberFormat, newId, validateCustomValues, AppError, type CustomFieldDef, type Database } from '@voyage/kernel';
import { createTestDatabase } from '../../../test/database';

let database: Database;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ workspaceId } = await createWorkspace(database, { name: 'Kernel Co', locale: 'en', admin: { email: `k-${newId().slice(-6)}@example.com`, name: 'K', password: 'correct horse battery' } }));
});
afterAll(() => database.close());

const def = (key: string, type: CustomFieldDef['type'], extra: Partial<CustomFieldDef> = {}): CustomFieldDef => ({
  workspaceId, id: newId(), object: 'contact', key, label: key, labels: {}, type, required: false, options: [], config: {}, helpText: null, position: 0,
  version: 1, createdAt: new Date(), updatedAt: new Date(), createdBy: null, updatedBy: null, deletedAt: null, ...extra,
});

describe('autonumbers', () => {
  it('accepts only patterns with one counter and known date parts', () => {
    expect(isValidAutonumberFormat('CT-{YYYY}-{000000}')).toBe(true);
    expect(isValidAutonumberFormat('{YY}{MM}{DD}-{0000}')).toBe(true);
    expect(isValidAutonumberFormat('CT-{YYYY}')).toBe(false);
    expect(isValidAutonumberFormat('{000}-{000}')).toBe(false);
    expect(isValidAutonumberFormat('{HH}-{000}')).toBe(false);
  });

  it('formats with the date parts in the workspace time zone and restarts per period', async () => {
    const defs = [def('no', 'autonumber', { config: { format: 'CT-{YYYY}-{000000}' } }), def('monthly', 'autonumber', { config: { format: 'M{YY}{MM}-{000}' } })];
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Asia/Shanghai, the workspace's zone.
    const newYear = new Date('2026-12-31T17:00:00Z');
    const first = await assignAutonumbers(database.db, workspaceId, 'contact', defs, 2, newYear);
    expect(first).toEqual([{ no: 'CT-2027-000001', monthly: 'M2701-001' }, { no: 'CT-2027-000002', monthly: 'M2701-002' }]);
    const later = await assignAutonumbers(database.db, workspaceId, 'contact', defs, 1, new Date('2027-02-10T00:00:00Z'));
    expect(later).toEqual([{ no: 'CT-2027-000003', monthly: 'M2702-001' }]);
  });

  it('never hands out the same number to concurrent creates', async () => {
    const defs = [def('seq', 'autonumber', { config: { format: '{0000}' } })];
    const results = await Promise.all(Array.from({ length: 8 }, () => database.db.transaction((tx) => assignAutonumbers(tx, workspaceId, 'contact', defs, 3))));
    const numbers = results.flat().map((r) => r.seq);
    expect(new Set(numbers).size).toBe(24);
    expect(numbers.sort()).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1).padStart(4, '0')));
  });
});

describe('validateCustomValues', () => {
  it('normalizes values and reports every problem with a translated message', async () => {
    const defs = [def('phone', 'phone'), def('size', 'number', { config: { max: 10 } }), def('day', 'date', { required: true }), def('site', 'url')];
    const ok = await validateCustomValues(database.db, { workspaceId, defs, locale: 'en' }, { input: { phone: '+1 (415) 555-2671', size: '7', day: '2024-02-29', site: '' }, mode: 'create' });
    expect(ok).toEqual({ phone: '+14155552671', size: 7, day: '2024-02-29', site: null });

    const error = await validateCustomValues(database.db, { workspaceId, defs, locale: 'zh-TW' }, { input: { size: 11, site: 'ftp://x' }, mode: 'create', path: 'rows.2.custom' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = (error as AppError).details as { fields: Array<{ field: string; code: string; message: string }> };
    expect(fields.fields).toEqual([
      { field: 'rows.2.custom.size', code: 'too_big', message: 'rows.2.custom.size不能大於 10。' },
      { field: 'rows.2.custom.day', code: 'required', message: expect.stringContaining('rows.2.custom.day') },
      { field: 'rows.2.custom.site', code: 'invalid_url', message: expect.stringContaining('rows.2.custom.site') },
    ]);
  });

  it('checks only given fields on update and lets null clear an optional one', async () => {
    const defs = [def('day', 'date', { required: true }), def('note', 'text')];
    expect(await validateCustomValues(database.db, { workspaceId, defs, locale: 'en' }, { input: { note: null }, mode: 'update' })).toEqual({ note: null });
    expect(await validateCustomValues(database.db, { workspaceId, defs, locale: 'en' }, { input: undefined, mode: 'update' })).toEqual({});
  });
});

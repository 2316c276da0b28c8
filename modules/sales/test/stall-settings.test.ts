import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { stalledDays } from '@voyage/contracts';
import { createWorld, type World } from './helpers';

/*
 * What "stalled" means (S3): a pipeline's alert switch and stall days, and each deal's
 * "stalled since" that the stalled-deal workflow (automation) fires on. The alert itself is
 * tested in modules/automation/test/stalled-deal-workflow.test.ts.
 */
let w: World;
let rep: SignedIn;
const DAY = 86_400_000;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
const stalledAt = async (id: string) => {
  const [row] = await w.t.database.query<{ stalled_at: Date | string | null }>('select stalled_at from deals where id = $1', [id]);
  return row.stalled_at === null ? null : new Date(row.stalled_at).toISOString();
};
const plusDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY).toISOString();

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
});
afterAll(() => w.t.close());

describe('stall settings and "stalled since"', () => {
  it('reads and changes a pipeline\'s settings (admin only, checked, versioned)', async () => {
    const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string }>;
    const defaults = await inject(rep, 'GET', `/api/v1/pipelines/${pipeline.id}/stall-settings`);
    expect(defaults.json()).toEqual({ pipelineId: pipeline.id, enabled: true, stallDays: 14, version: 0 });
    expect((await inject(rep, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 3 })).statusCode).toBe(403);
    const bad = await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('stallDays');
    // Escalation timing is the workflow's wait now, not a pipeline setting.
    const gone = await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, escalateAfterDays: 2 });
    expect(gone.statusCode).toBe(400);
    const set = await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 3 });
    expect(set.json()).toEqual({ pipelineId: pipeline.id, enabled: true, stallDays: 3, version: 1 });
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, enabled: false })).statusCode).toBe(409);
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 1, stallDays: 14 })).statusCode).toBe(200);
  });

  it('keeps each deal\'s "stalled since": last activity + the pipeline\'s days; empty when closed, trashed or switched off', async () => {
    const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string }>;
    const created = await inject(rep, 'POST', '/api/v1/deals', { name: 'Watched' });
    expect(created.statusCode, created.body).toBe(201);
    const deal = created.json() as { id: string; version: number; lastActivityAt: string; status: string };
    expect(await stalledAt(deal.id)).toBe(plusDays(deal.lastActivityAt, 14));
    // The badge and the workflow agree on what stalled means.
    expect(stalledDays(deal, { enabled: true, stallDays: 14 }, new Date(await stalledAt(deal.id) as string))).toBe(14);

    // Activity moves it.
    const edited = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: deal.version, closeDate: '2030-01-31' });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json() as { version: number; lastActivityAt: string };
    expect(await stalledAt(deal.id)).toBe(plusDays(after.lastActivityAt, 14));

    // The pipeline's days change: its open deals follow at once.
    const settings = (await inject(w.admin, 'GET', `/api/v1/pipelines/${pipeline.id}/stall-settings`)).json() as { version: number };
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: settings.version, stallDays: 5 })).statusCode).toBe(200);
    expect(await stalledAt(deal.id)).toBe(plusDays(after.lastActivityAt, 5));
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: settings.version + 1, enabled: false })).statusCode).toBe(200);
    expect(await stalledAt(deal.id)).toBeNull();
    const quiet = (await inject(rep, 'POST', '/api/v1/deals', { name: 'Quiet' })).json() as { id: string; version: number };
    expect(await stalledAt(quiet.id)).toBeNull();
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: settings.version + 2, enabled: true })).statusCode).toBe(200);
    expect(await stalledAt(deal.id)).toBe(plusDays(after.lastActivityAt, 5));
    expect(await stalledAt(quiet.id)).not.toBeNull();

    // Trashed, and closed: not stalled.
    expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${quiet.id}`)).statusCode).toBe(204);
    expect(await stalledAt(quiet.id)).toBeNull();
    await w.t.database.query(`update deals set status = 'won', closed_at = now() where id = $1`, [deal.id]);
    expect(await stalledAt(deal.id)).toBeNull();
  });
});

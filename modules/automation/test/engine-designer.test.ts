import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, World } from '@voyage/testing';
import { api, chain, createEngineWorld, createThing } from './engine-fixtures';

let w: World;
let rep: SignedIn;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  w = await createEngineWorld();
  rep = await w.member('rep', 'Rita Rep');
  call = api(w);
});
afterAll(() => w.t.close());

type Issue = { path: string; nodeId: string | null; code: string; message: string };

describe('publish problems', () => {
  it('name the field by its label in the reader\'s language, keeping the path and node the designer marks', async () => {
    const graph = chain({ kind: 'record_updated', object: 'contact' }, [
      { id: 'tag', type: 'action', action: 'automation.add_tag', input: { tags: [] } },
      { id: 'task', type: 'action', action: 'sales.create_task', input: { title: '', dueInDays: 1 } },
      { id: 'tell', type: 'action', action: 'automation.notify', input: { title: 'Look at {{record.name}}' } },
      { id: 'cond', type: 'condition', rules: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'x' }, { field: 'ghost', operator: 'eq', value: 'x' }] } },
    ]);
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Unfinished', draft: graph })).json() as { id: string; version: number };
    const publish = (lang: string) => w.t.app.inject({ method: 'POST', url: `/api/v1/workflows/${wf.id}/publish?lang=${lang}`, headers: w.admin.headers, payload: { version: wf.version } });

    const en = await publish('en');
    expect(en.statusCode).toBe(422);
    const issues = en.json().error.details.issues as Issue[];
    const byPath = (list: Issue[], path: string) => list.find((i) => i.path === path);
    expect(byPath(issues, 'nodes.tag.input.tags')).toMatchObject({ nodeId: 'tag', code: 'required', message: 'Tags is required.' });
    expect(byPath(issues, 'nodes.task.input.title')).toMatchObject({ nodeId: 'task', code: 'required', message: 'Title is required.' });
    // A rule across fields (someone to notify) names the field it points at.
    expect(byPath(issues, 'nodes.tell.input.userIds')).toMatchObject({ nodeId: 'tell', code: 'required', message: 'Members is required.' });
    expect(byPath(issues, 'nodes.cond.rules.rules.1.field')).toMatchObject({ nodeId: 'cond', message: 'Rule 2: "ghost" is not a known field.' });
    expect(issues.filter((i) => i.message.includes('nodes.'))).toEqual([]);

    const zh = (await publish('zh-CN')).json().error.details.issues as Issue[];
    expect(zh.map((i) => i.path).sort()).toEqual(issues.map((i) => i.path).sort());
    expect(byPath(zh, 'nodes.tag.input.tags')?.message).toBe('标签为必填项。');
    expect(byPath(zh, 'nodes.task.input.title')?.message).toBe('标题为必填项。');
    expect(byPath(zh, 'nodes.tell.input.userIds')?.message).toBe('成员为必填项。');
    expect(byPath(zh, 'nodes.cond.rules.rules.1.field')?.message).toBe('规则 2：“ghost”不是已知字段。');
  });

  it('from an action\'s own check name the field too (an unknown email template, a record kind without tags)', async () => {
    const graph = chain({ kind: 'record_created', object: 'contact' }, [{ id: 'mail', type: 'action', action: 'automation.send_email', input: { templateId: '0190a000-0000-7000-8000-000000000000' } }]);
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'No template', draft: graph })).json() as { id: string };
    const checked = await w.t.app.inject({ method: 'POST', url: `/api/v1/workflows/${wf.id}/validate?lang=en`, headers: w.admin.headers, payload: {} });
    const issue = (checked.json().issues as Issue[]).find((i) => i.path === 'nodes.mail.input.templateId');
    expect(issue?.message).toBe('Email template: the template does not exist (it may have been deleted).');
    // A record kind without tags: the tags action says so, naming its field.
    const tags = chain({ kind: 'record_created', object: 'test_thing' }, [{ id: 'tag', type: 'action', action: 'automation.add_tag', input: { tags: ['vip'] } }]);
    const noTags = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'No tags', draft: tags })).json() as { id: string };
    const zh = await w.t.app.inject({ method: 'POST', url: `/api/v1/workflows/${noTags.id}/validate?lang=zh-CN`, headers: w.admin.headers, payload: {} });
    expect((zh.json().issues as Issue[]).find((i) => i.path === 'nodes.tag.input.tags')?.message).toBe('标签：该记录类型没有标签。');
  });
});

describe('test run', () => {
  it('says what starts the run in the reader\'s language, not the trigger\'s code', async () => {
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Starts', draft: chain({ kind: 'record_updated', object: 'test_thing' }, [{ type: 'end' }]) })).json() as { id: string };
    const thing = await createThing(w.t.database, w.workspaceId, { name: 'Tested' });
    const run = (lang: string) => w.t.app.inject({ method: 'POST', url: `/api/v1/workflows/${wf.id}/test-run?lang=${lang}`, headers: w.admin.headers, payload: { recordId: thing, useDraft: true } });
    const en = await run('en');
    expect(en.statusCode, en.body).toBe(200);
    expect(en.json().steps[0].summary).toBe('Starts: Record updated · Thing.');
    expect((await run('zh-CN')).json().steps[0].summary).toBe('启动：记录更新时 · Thing。');
    expect((await run('zh-TW')).json().steps[0].summary).toBe('啟動：記錄更新時 · Thing。');
  });
});

describe('published versions', () => {
  it('are listed with who published them, and one is copied into the draft (version-checked)', async () => {
    const first = chain({ kind: 'record_created', object: 'test_thing' }, [{ id: 'a', type: 'action', action: 'test.record', input: { note: 'first' } }]);
    const second = chain({ kind: 'record_created', object: 'test_thing' }, [{ id: 'a', type: 'action', action: 'test.record', input: { note: 'second' } }]);
    let wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Versioned', draft: first })).json() as { id: string; version: number; draft: unknown; publishedVersion: number | null; draftChanged: boolean };
    wf = (await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version })).json();
    wf = (await call(w.admin, 'PATCH', `/api/v1/workflows/${wf.id}`, { version: wf.version, draft: second })).json();
    wf = (await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version })).json();
    expect(wf.publishedVersion).toBe(2);

    const listed = await call(w.admin, 'GET', `/api/v1/workflows/${wf.id}/versions`);
    expect(listed.statusCode, listed.body).toBe(200);
    const versions = listed.json().data as Array<{ version: number; publishedBy: string; publishedByName: string; graph: typeof first }>;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]).toMatchObject({ publishedBy: w.admin.userId, publishedByName: expect.any(String) });
    expect(versions[1].publishedByName.length).toBeGreaterThan(0);
    expect(versions[1].graph.nodes.find((n) => n.id === 'a')?.input).toEqual({ note: 'first' });

    const stale = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/versions/1/restore`, { version: wf.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect((await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/versions/9/restore`, { version: wf.version })).statusCode).toBe(404);
    expect((await call(rep, 'POST', `/api/v1/workflows/${wf.id}/versions/1/restore`, { version: wf.version })).statusCode).toBe(403);

    const restored = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/versions/1/restore`, { version: wf.version });
    expect(restored.statusCode, restored.body).toBe(200);
    const after = restored.json() as typeof wf & { draft: typeof first };
    expect(after.draft.nodes.find((n) => n.id === 'a')?.input).toEqual({ note: 'first' });
    // Nothing is published by copying: version 2 stays live, and the draft differs from it.
    expect(after.publishedVersion).toBe(2);
    expect(after.draftChanged).toBe(true);
    expect(after.version).toBe(wf.version + 1);
  });
});

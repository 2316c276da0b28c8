import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText, fold } from '../src/tasks/ical/render-ical';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers = w.admin.headers) =>
  w.t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }) });
const pathOf = (url: string) => new URL(url).pathname;

describe('iCal feed', () => {
  it('serves the open tasks and meetings of the token holder as RFC 5545 text, and a rotated token ends the old URL', async () => {
    expect((await call('GET', '/api/v1/me/ical')).json()).toEqual({ url: null });
    const first = (await call('POST', '/api/v1/me/ical')).json().url as string;
    expect(first).toMatch(/\/ical\/[A-Za-z0-9_-]{32}\.ics$/);
    expect((await call('GET', '/api/v1/me/ical')).json()).toEqual({ url: first });

    const soon = new Date(Date.now() + 86_400_000);
    soon.setUTCHours(1, 30, 0, 0);
    const task = (await call('POST', '/api/v1/tasks', { title: 'Call 陈静; bring quote, v2', description: 'Line one\nLine two \\ done', dueAt: soon.toISOString(), priority: 'urgent' })).json();
    const meeting = (await call('POST', '/api/v1/tasks', { kind: 'meeting', title: 'Kick-off', location: 'Room 1, floor 2', startAt: '2026-12-03T02:00:00Z', endAt: '2026-12-03T03:30:00Z' })).json();
    const done = (await call('POST', '/api/v1/tasks', { title: 'Already done', dueAt: soon.toISOString() })).json();
    await call('POST', `/api/v1/tasks/${done.id}/complete`, { version: 1 });
    const other = await w.member('rep', 'Other');
    await call('POST', '/api/v1/tasks', { title: 'Not mine', dueAt: soon.toISOString() }, other.headers);
    const invited = await call('POST', '/api/v1/tasks', { kind: 'meeting', title: 'Invited', startAt: '2026-12-04T02:00:00Z', endAt: '2026-12-04T03:00:00Z', ownerId: w.admin.userId, attendees: { userIds: [w.admin.userId] } });
    expect(invited.statusCode).toBe(201);
    // A meeting someone else owns and the token holder attends is in the feed too.
    await w.t.database.query('update tasks set owner_id = $1 where id = $2', [other.userId, invited.json().id]);

    const res = await w.t.app.inject({ method: 'GET', url: pathOf(first) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const body = res.body;
    const lines = body.split('\r\n');
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('PRODID:-//Voyage CRM//Tasks//EN');
    const stamp = soon.toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(lines).toContain(`DUE:${stamp}`);
    expect(lines).toContain('SUMMARY:Call 陈静\\; bring quote\\, v2');
    expect(lines).toContain('DESCRIPTION:Line one\\nLine two \\\\ done');
    expect(lines).toContain('PRIORITY:1');
    expect(lines.some((l) => l.startsWith(`UID:${task.id}@`))).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VTODO')).toHaveLength(1);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('SUMMARY:Invited');
    expect(lines.some((l) => l.startsWith(`UID:${meeting.id}@`))).toBe(true);
    expect(lines).toContain('DTSTART:20261203T020000Z');
    expect(lines).toContain('DTEND:20261203T033000Z');
    expect(lines).toContain('LOCATION:Room 1\\, floor 2');
    expect(body).not.toContain('Already done');
    expect(body).not.toContain('Not mine');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);

    const second = (await call('POST', '/api/v1/me/ical')).json().url as string;
    expect(second).not.toBe(first);
    expect((await w.t.app.inject({ method: 'GET', url: pathOf(first) })).statusCode).toBe(404);
    expect((await w.t.app.inject({ method: 'GET', url: pathOf(second) })).statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: '/ical/short.ics' })).statusCode).toBe(404);
  });

  it('needs a signed-in member (no API key) to read or rotate the feed URL', async () => {
    expect((await w.t.app.inject({ method: 'POST', url: '/api/v1/me/ical' })).statusCode).toBe(401);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/v1/me/ical' })).statusCode).toBe(401);
  });

  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\r\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'会议'.repeat(40)}`;
    const folded = fold(long).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    expect(folded.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
  });
});

import { translate, type Locale } from '@voyage/kernel';
import { FOLLOW_UP_NOTES, FOLLOW_UP_TYPES, PRODUCTS, type DemoFollowUpType } from '../../modules/customers/src/demo/demo-catalog';
import { weightedTable, type Random } from '../../modules/customers/src/demo/data/random';
import '../../modules/customers/src/timeline/messages';
import type { Row } from './load-rows';

const DAY_MS = 86_400_000;
/** As refreshFollowUpColumns keeps it. */
const SUMMARY_LENGTH = 200;

/** Follow-ups per contact: a few never followed up, most a handful, some many (mean about 6). */
const FOLLOW_UP_COUNTS = weightedTable([[0, 6], [1, 7], [2, 8], [3, 9], [4, 9], [5, 9], [6, 9], [7, 8], [8, 8], [9, 7], [10, 6], [12, 5], [15, 5], [20, 4]] as const);
/** Field-change entries per contact (mean about 2.5): with record_created and the follow-ups, about ten entries. */
const CHANGE_COUNTS = weightedTable([[0, 15], [1, 20], [2, 20], [3, 17], [4, 13], [5, 9], [6, 6]] as const);
const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'advocate'] as const;
const VIP_LEVELS = ['none', 'silver', 'gold', 'platinum'] as const;
const TITLES = ['销售经理', '采购经理', '技术总监', 'Marketing Manager', 'Sales Director', 'CTO', '运营总监', 'Product Manager'] as const;

export interface TimelineContact {
  id: string;
  name: string;
  han: boolean;
  accountId: string | null;
  ownerId: string;
  createdMs: number;
  lifecycleStage: string;
  title: string | null;
}

/** The contact columns follow-up writes keep (last_follow_up_at …), in their column names. */
export interface FollowUpColumns {
  last_follow_up_at: Date | null;
  last_follow_up_summary: string | null;
  follow_up_count: number;
  next_contact_at: Date | null;
}

export const NO_FOLLOW_UPS: FollowUpColumns = { last_follow_up_at: null, last_follow_up_summary: null, follow_up_count: 0, next_contact_at: null };

/**
 * Follow-ups and timeline entries as the product writes them: a `follow_ups` row per
 * follow-up, its entry on the contact's timeline and, when the contact works at an account, on
 * the account's (with `via`), keyed `follow_up:<id>:<subject>` like the timeline subscriber;
 * `record_created` and `field_change` entries besides. Titles are in the workspace's language.
 */
export class TimelineGenerator {
  private readonly titles: Record<DemoFollowUpType | 'created_contact' | 'created_account' | 'changed', string>;

  constructor(
    private readonly workspaceId: string,
    locale: Locale,
    private readonly untilMs: number,
  ) {
    const created = (object: string) => translate(locale, 'timeline.record_created', { object: translate(locale, `timeline.object.${object}`) });
    this.titles = {
      call: translate(locale, 'timeline.follow_up.call'), email: translate(locale, 'timeline.follow_up.email'), sms: translate(locale, 'timeline.follow_up.sms'),
      visit: translate(locale, 'timeline.follow_up.visit'), meeting: translate(locale, 'timeline.follow_up.meeting'),
      created_contact: created('contact'), created_account: created('account'), changed: translate(locale, 'timeline.field_change', { count: 1 }),
    };
  }

  /** The `record_created` entry of an account. */
  accountCreated(rng: Random, account: { id: string; ownerId: string; createdMs: number }): Row {
    return this.entry(rng, 'account', account.id, 'record_created', account.createdMs, account.ownerId, this.titles.created_account, '', {}, `seed:${account.id}:${account.id}`);
  }

  /**
   * A contact's history: created, then follow-ups and field changes spread up to the end of
   * the data set's history. Rows go to `followUp` and `entry`; returns the contact's follow-up columns.
   */
  contact(rng: Random, c: TimelineContact, emit: { followUp(row: Row): void; entry(row: Row): void }): FollowUpColumns {
    const ws = this.workspaceId;
    emit.entry(this.entry(rng, 'contact', c.id, 'record_created', c.createdMs, c.ownerId, this.titles.created_contact, '', {}, `seed:${c.id}:${c.id}`));
    const span = Math.max(DAY_MS, this.untilMs - c.createdMs);
    const count = rng.weighted(FOLLOW_UP_COUNTS);
    const times = Array.from({ length: count }, () => c.createdMs + rng.next() * span).sort((a, b) => a - b);
    const lang = c.han ? 'zh' : 'en';
    let columns = NO_FOLLOW_UPS;
    times.forEach((at, i) => {
      const type = rng.weighted(FOLLOW_UP_TYPES);
      const content = rng.pick(FOLLOW_UP_NOTES[type][lang]).replaceAll('{n}', c.name).replaceAll('{p}', rng.pick(PRODUCTS[lang]));
      const last = i === count - 1;
      let next: Date | null = null;
      if (last && this.untilMs - at < 30 * DAY_MS && rng.chance(0.45)) next = new Date(this.untilMs + rng.int(1, 14) * DAY_MS);
      else if (!last && rng.chance(0.4)) next = new Date(at + rng.int(2, 10) * DAY_MS);
      const id = rng.uuidv7(at);
      const occurred = new Date(at);
      emit.followUp({
        workspace_id: ws, id, subject_type: 'contact', subject_id: c.id, type, content, occurred_at: occurred, next_contact_at: next, owner_id: c.ownerId,
        created_at: occurred, updated_at: occurred, created_by: c.ownerId, updated_by: c.ownerId,
      });
      const data = { followUpId: id, type, nextContactAt: next?.toISOString() ?? null, ownerId: c.ownerId };
      emit.entry(this.entry(rng, 'contact', c.id, 'follow_up', at, c.ownerId, this.titles[type], content, data, `follow_up:${id}:${c.id}`));
      if (c.accountId) emit.entry(this.entry(rng, 'account', c.accountId, 'follow_up', at, c.ownerId, this.titles[type], content, { ...data, via: { type: 'contact', id: c.id } }, `follow_up:${id}:${c.accountId}`));
      if (last) columns = { last_follow_up_at: occurred, last_follow_up_summary: content.slice(0, SUMMARY_LENGTH), follow_up_count: count, next_contact_at: next };
    });
    const changes = rng.weighted(CHANGE_COUNTS);
    let stage = Math.max(0, STAGES.indexOf(c.lifecycleStage as (typeof STAGES)[number]) - changes);
    for (let i = 0; i < changes; i++) {
      const at = c.createdMs + rng.next() * span;
      const kind = rng.int(0, 3);
      let change: { field: string; old: unknown; new: unknown };
      if (kind <= 1 && stage < STAGES.length - 1) change = { field: 'lifecycleStage', old: STAGES[stage], new: STAGES[++stage] };
      else if (kind === 2) change = { field: 'title', old: c.title, new: rng.pick(TITLES) };
      else change = { field: 'custom.vip_level', old: rng.pick(VIP_LEVELS), new: rng.pick(VIP_LEVELS) };
      const entryId = rng.uuidv7(at);
      emit.entry(this.entry(rng, 'contact', c.id, 'field_change', at, c.ownerId, this.titles.changed, '', { changes: [change] }, `seed:${entryId}:${c.id}`, entryId));
    }
    return columns;
  }

  private entry(rng: Random, subjectType: 'contact' | 'account', subjectId: string, kind: string, atMs: number, actor: string, title: string, body: string, data: Record<string, unknown>, sourceEventId: string, id?: string): Row {
    return {
      workspace_id: this.workspaceId, id: id ?? rng.uuidv7(atMs), subject_type: subjectType, subject_id: subjectId, kind, occurred_at: new Date(atMs),
      actor_user_id: actor, title, body, data, source_event_id: sourceEventId,
    };
  }
}

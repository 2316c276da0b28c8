import type { TaskRow } from '../task-wire';

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A UTC DATE-TIME (§3.3.5 form 2): 20261123T071500Z. */
export const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** A DATE (§3.3.4): 20261123. */
const dateOnly = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

/** Lines longer than 75 octets are folded with CRLF + space (§3.1), never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) { parts.push(current); current = ''; size = 0; }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const PRIORITY: Record<TaskRow['priority'], number> = { urgent: 1, high: 3, normal: 5, low: 9 };

/** One VCALENDAR with a VEVENT per meeting and a VTODO per task. */
export function renderIcal(rows: TaskRow[], options: { name: string; host: string; now: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Voyage CRM//Tasks//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(options.name)}`];
  for (const r of rows) {
    const common = [
      `UID:${r.id}@${options.host}`,
      `DTSTAMP:${utc(options.now)}`,
      `LAST-MODIFIED:${utc(r.updatedAt)}`,
      `SUMMARY:${escapeText(r.title)}`,
      ...(r.description ? [`DESCRIPTION:${escapeText(r.description)}`] : []),
      ...(r.location ? [`LOCATION:${escapeText(r.location)}`] : []),
      `PRIORITY:${PRIORITY[r.priority]}`,
    ];
    if (r.kind === 'meeting' && r.startAt && r.endAt) {
      const times = r.allDay
        ? [`DTSTART;VALUE=DATE:${dateOnly(r.startAt)}`, `DTEND;VALUE=DATE:${dateOnly(new Date(Math.max(r.endAt.getTime(), r.startAt.getTime() + 86_400_000)))}`]
        : [`DTSTART:${utc(r.startAt)}`, `DTEND:${utc(r.endAt)}`];
      lines.push('BEGIN:VEVENT', ...common, ...times, 'STATUS:CONFIRMED', 'END:VEVENT');
    } else {
      const due = r.dueAt ? [r.allDay ? `DUE;VALUE=DATE:${dateOnly(r.dueAt)}` : `DUE:${utc(r.dueAt)}`] : [];
      lines.push('BEGIN:VTODO', ...common, ...due, 'STATUS:NEEDS-ACTION', 'END:VTODO');
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

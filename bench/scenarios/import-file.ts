import type { Database } from '@voyage/kernel';
import { Random } from '../../modules/customers/src/demo/data/random';
import { normalizeEmail } from '../../modules/customers/src/normalize/email';
import { toE164 } from '../../modules/customers/src/normalize/phone';
import { personProfile, pickRegion } from '../seed/profiles';
import type { Row } from '../seed/load-rows';

/** The import file's columns, as a Chinese spreadsheet names them; the upload maps each one. */
export const IMPORT_HEADERS = ['姓名', '邮箱', '手机', '电话', '职位', '公司', '负责人', '标签', '来源', '会员等级'] as const;
/** The field each header must be mapped to (custom fields by their seeded labels). */
export const EXPECTED_MAPPING = ['name', 'email', 'mobile', 'phone', 'title', 'account', 'owner', 'tags', 'custom.source', 'custom.vip_level'];

/** Share of rows repeating an existing contact's email (the duplicates to skip), and of bad rows. */
const DUPLICATE_SHARE = 0.1;
const BAD_SHARE = 0.01;

export interface ImportFile {
  csv: string;
  rows: number;
  /** Rows whose email is already a live contact's. */
  duplicates: number;
  /** Rows with an invalid email or phone, or no name. */
  bad: number;
  /** The rows in their stored form, for the COPY floor. */
  stored: Row[];
}

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A CSV of `rows` new contacts the way a customer's spreadsheet holds them: local phone
 * formats, emails in mixed case, company and owner names to look up, tags separated by 、,
 * picklist labels. One row in ten repeats the email of a contact already in the workspace (in
 * another case), one in a hundred is bad. Deterministic for a seed.
 */
export async function buildImportFile(database: Database, workspaceId: string, rows: number, seed: string, firstSerial = 50_000_000): Promise<ImportFile> {
  const rng = new Random(`${seed}:import`);
  const sample = Math.max(1, Math.ceil(rows * DUPLICATE_SHARE));
  // Existing emails, accounts and owners spread over the data set (ids are random within their time).
  const emails = (await database.query<{ email: string }>(`select email from contacts where workspace_id = $1 and email is not null and deleted_at is null order by id limit $2`, [workspaceId, sample * 20]))
    .filter((_, i) => i % 20 === 0).map((r) => r.email);
  const companies = (await database.query<{ name: string; id: string; owner_id: string }>(`select name, id, owner_id from accounts where workspace_id = $1 and deleted_at is null order by id limit 2000`, [workspaceId]));
  const owners = (await database.query<{ email: string; id: string }>(`select u.email, u.id from memberships m join users u on u.id = m.user_id where m.workspace_id = $1 and m.status = 'active' order by u.email`, [workspaceId]));
  const lines = [IMPORT_HEADERS.join(',')];
  const stored: Row[] = [];
  let duplicates = 0;
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const account = companies.length && rng.chance(0.5) ? rng.pick(companies) : null;
    const region = pickRegion(rng);
    // Serials past any seed's contacts, so new emails never collide with seeded ones.
    const person = personProfile(rng, firstSerial + i, region, null);
    let email = person.email ?? '';
    if (emails.length && rng.chance(DUPLICATE_SHARE)) {
      email = emails[duplicates % emails.length].toUpperCase();
      duplicates++;
    } else if (email && rng.chance(0.2)) email = email[0].toUpperCase() + email.slice(1);
    let name = person.name.full;
    let mobile = person.mobile ?? '';
    const phone = person.phone ?? '';
    if (rng.chance(BAD_SHARE)) {
      bad++;
      const kind = rng.int(0, 2);
      if (kind === 0) email = `${person.name.ascii}@@example`;
      else if (kind === 1) mobile = '12';
      else name = '';
    }
    const owner = owners.length ? rng.pick(owners) : null;
    const source = String(person.custom.source ?? '');
    const vip = String(person.custom.vip_level ?? '');
    const cells = [name, email, mobile, phone, person.title ?? '', account?.name ?? '', owner?.email ?? '', person.tags.join('、'), source, vip];
    lines.push(cells.map(quote).join(','));
    const custom: Record<string, unknown> = { source };
    if (vip) custom.vip_level = vip;
    stored.push({
      workspace_id: workspaceId, name: name || '-', email: email ? normalizeEmail(email) : null, mobile: mobile || null, phone: phone || null,
      mobile_e164: mobile ? toE164(mobile, 'CN') : null, phone_e164: phone ? toE164(phone, 'CN') : null, title: person.title,
      account_id: account?.id ?? null, owner_id: owner?.id ?? null, tags: person.tags, custom,
    });
  }
  return { csv: `${lines.join('\n')}\n`, rows, duplicates, bad, stored };
}

import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/client';
import { memberships, roles, users, workspaces } from '../db/schema';
import { newId } from '../ids';
import { writeAudit } from '../audit/write-audit';
import type { Locale } from '../i18n/locales';
import { DEFAULT_ROLES } from './default-roles';
import { AppError } from '../errors';

export interface CreateWorkspaceInput {
  name: string;
  slug?: string;
  locale?: Locale;
  timezone?: string;
  currency?: string;
  /** Object keys registered by modules; default roles get rights on each. */
  objects?: string[];
  admin: { email: string; name: string; password?: string; userId?: string };
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminUserId: string;
  roleIds: Record<string, string>;
}

export async function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (m=19 MiB, t=2, p=1): OWASP's baseline.
  return hash(password);
}

function slugify(name: string): string {
  const ascii = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return (ascii || 'ws') + '-' + newId().slice(-6);
}

/** Creates a workspace with the default roles and its first administrator. */
export async function createWorkspace(database: Database | { db: Queryable }, input: CreateWorkspaceInput): Promise<CreatedWorkspace> {
  const workspaceId = newId();
  const email = input.admin.email.trim().toLowerCase();
  const passwordHash = input.admin.password ? await hashPassword(input.admin.password) : null;
  const run = async (tx: Queryable): Promise<CreatedWorkspace> => {
    await tx.insert(workspaces).values({
      id: workspaceId,
      name: input.name,
      slug: input.slug ?? slugify(input.name),
      defaultLocale: input.locale ?? 'zh-CN',
      timezone: input.timezone ?? 'Asia/Shanghai',
      currency: input.currency ?? 'CNY',
    });
    let adminUserId = input.admin.userId;
    if (!adminUserId) {
      const existing = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
      if (existing[0]) {
        adminUserId = existing[0].id;
      } else {
        if (!passwordHash) throw new AppError('validation_failed', { details: { fields: [{ field: 'admin.password', code: 'required', message: 'password is required' }] } });
        adminUserId = newId();
        await tx.insert(users).values({ id: adminUserId, email, name: input.admin.name, passwordHash, locale: input.locale ?? null, lastWorkspaceId: workspaceId });
      }
    }
    const roleIds: Record<string, string> = {};
    const objects = input.objects ?? [];
    await tx.insert(roles).values(
      DEFAULT_ROLES.map((r) => {
        const id = newId();
        roleIds[r.key] = id;
        return {
          workspaceId,
          id,
          key: r.key,
          name: r.names[input.locale ?? 'zh-CN'],
          isAdmin: r.isAdmin,
          dataScope: r.dataScope,
          capabilities: r.capabilities,
          permissions: Object.fromEntries(objects.map((o) => [o, { ...r.objectRights }])),
        };
      }),
    );
    await tx.insert(memberships).values({ workspaceId, userId: adminUserId, roleId: roleIds.admin });
    await writeAudit(tx, { workspaceId, action: 'create', object: 'workspace', recordId: workspaceId, actorUserId: adminUserId, newValues: { name: input.name } });
    return { workspaceId, adminUserId, roleIds };
  };
  if ('transaction' in database.db) return (database.db as Database['db']).transaction((tx) => run(tx));
  return run(database.db);
}

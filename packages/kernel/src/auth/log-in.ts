import { eq, sql } from 'drizzle-orm';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { auditAuthEvent } from './audit-auth-event';
import type { AuthDeps, RequestMeta } from './auth-request';
import { verifyPassword } from './passwords';
import { assertNotLocked, clearFailedSignIns, recordFailedSignIn } from './record-failed-sign-in';
import { createSession } from './sessions';
import { listUserWorkspaces, pickWorkspace, type WorkspaceSummary } from './user-workspaces';

export interface LogInInput {
  email: string;
  password: string;
  workspaceId?: string;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  theme: string;
}

export interface LogInResult {
  /** The cookie token; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
  workspace: WorkspaceSummary | null;
  workspaces: WorkspaceSummary[];
  mfaRequired: boolean;
}

/**
 * Signs in with email and password. Unknown emails and wrong passwords fail the same way
 * (`invalid_credentials`) after the same argon2 work. With two-factor sign-in on, the session
 * starts pending until `verifyMfa` accepts a code.
 */
export async function logIn(deps: AuthDeps, input: LogInInput, meta: RequestMeta = {}): Promise<LogInResult> {
  const { db } = deps.database;
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`).limit(1);
  const user = rows[0];
  if (!user || user.deletedAt) {
    await verifyPassword(null, input.password);
    throw new AppError('invalid_credentials');
  }
  assertNotLocked(user.lockedUntil);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordFailedSignIn(deps, user.id, 'login_failed', meta);
    throw new AppError('invalid_credentials');
  }
  const workspaces = await listUserWorkspaces(db, user.id);
  const workspace = pickWorkspace(workspaces, input.workspaceId, user.lastWorkspaceId);
  if (workspace === undefined) throw new AppError('not_found', { params: { what: 'workspace' } });
  const mfaRequired = Boolean(user.totpEnabledAt && user.totpSecret);
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, { userId: user.id, workspaceId: workspace?.id ?? null, mfaPending: mfaRequired, ip: meta.ip, userAgent: meta.userAgent, hours: deps.env.SESSION_HOURS });
    if (workspace) await tx.update(users).set({ lastWorkspaceId: workspace.id }).where(eq(users.id, user.id));
    if (!mfaRequired) await auditAuthEvent(tx, workspace?.id ?? null, { userId: user.id, action: 'login', ip: meta.ip, requestId: meta.requestId });
    return created;
  });
  // The failure count resets only once the whole sign-in succeeds, second factor included.
  if (!mfaRequired) await clearFailedSignIns(deps, user.id);
  return {
    ...session,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, theme: user.theme },
    workspace,
    workspaces,
    mfaRequired,
  };
}

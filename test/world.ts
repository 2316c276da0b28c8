import { createTestApp, type TestApp } from './app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from './users';

export interface World {
  t: TestApp;
  workspaceId: string;
  roleIds: Record<string, string>;
  admin: SignedIn;
  as(userId: string): Promise<SignedIn>;
  member(roleKey: string, name?: string): Promise<SignedIn>;
}

/** The app with one workspace whose roles know every registered object, and its admin signed in. */
export async function createWorld(env: Parameters<typeof createTestApp>[0] = {}): Promise<World> {
  const t = await createTestApp(env);
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  const admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  return {
    t,
    workspaceId: ws.workspaceId,
    roleIds: ws.roleIds,
    admin,
    as: (userId) => signIn(t, userId, ws.workspaceId),
    async member(roleKey, name) {
      const userId = await addMember(t.database, ws.workspaceId, ws.roleIds[roleKey], { name });
      return signIn(t, userId, ws.workspaceId);
    },
  };
}

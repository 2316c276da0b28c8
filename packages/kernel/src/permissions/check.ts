import type { Actor, ObjectAction } from '../context';
import { AppError } from '../errors';

/** Can the actor do `action` on `object` at all (before data scope)? */
export function can(actor: Actor, object: string, action: ObjectAction): boolean {
  if (actor.role.isAdmin) return true;
  return actor.role.permissions[object]?.[action] === true;
}

export function assertCan(actor: Actor, object: string, action: ObjectAction): void {
  if (!can(actor, object, action)) throw new AppError('forbidden', { params: { action: `${object}.${action}` } });
}

/** Platform capabilities such as `settings.roles` or `audit.read`. Admin roles hold them all. */
export function hasCapability(actor: Actor, capability: string): boolean {
  return actor.role.isAdmin || actor.role.capabilities.includes(capability);
}

export function assertCapability(actor: Actor, capability: string): void {
  if (!hasCapability(actor, capability)) throw new AppError('forbidden', { params: { action: capability } });
}

/**
 * API key scopes look like `contacts:read`, `contacts:write`, `settings:write`, or `*`.
 * `write` implies `read`. Session users are not limited by scopes.
 */
export function hasScope(actor: Actor, scope: string): boolean {
  if (!actor.apiKey) return true;
  const scopes = actor.apiKey.scopes;
  if (scopes.includes('*') || scopes.includes(scope)) return true;
  const [resource, access] = scope.split(':');
  return access === 'read' && scopes.includes(`${resource}:write`);
}

export function assertScope(actor: Actor, scope: string): void {
  if (!hasScope(actor, scope)) throw new AppError('scope_missing', { params: { scope } });
}

import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { schema } from '@voyage/kernel';

/** `owner` belongs to a member of the department or of any department below it (a team filter). */
export function ownerInDepartment(owner: AnyPgColumn, workspaceId: string, departmentId: string): SQL {
  const d = schema.departments;
  const m = schema.memberships;
  return sql`${owner} in (
    with recursive team(id) as (
      select ${d.id} from ${d} where ${d.workspaceId} = ${workspaceId} and ${d.id} = ${departmentId}
      union
      select child.id from ${d} child join team on child.parent_id = team.id where child.workspace_id = ${workspaceId}
    )
    select ${m.userId} from ${m} where ${m.workspaceId} = ${workspaceId} and ${m.departmentId} in (select id from team))`;
}

/**
 * The SQL of each query-shaped scenario, run through a bare driver as the scenario's floor:
 * what the endpoint has to ask the database for its answer, written by hand.
 */
export const GET_RECORD_SQL = `select * from contacts where workspace_id = $1 and id = $2 and deleted_at is null`;

/**
 * A list page: tag filter, newest change first, 50 rows plus one to know whether a next page
 * exists; the order (ties by id) is the one the list builder uses for its keyset cursor.
 */
export const LIST_BY_TAG_SQL = `select * from contacts
 where workspace_id = $1 and deleted_at is null and tags @> array[$2]::text[]
 order by updated_at desc nulls last, id asc nulls last
 limit 51`;

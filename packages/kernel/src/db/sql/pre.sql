-- Runs before the drizzle migrations on every start. Must stay idempotent.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Lets GIN indexes lead with workspace_id (custom jsonb columns), as every tenant index must.
CREATE EXTENSION IF NOT EXISTS btree_gin;

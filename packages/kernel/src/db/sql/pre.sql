-- Runs before the drizzle migrations on every start. Must stay idempotent.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

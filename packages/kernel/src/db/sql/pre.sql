-- Runs before the drizzle migrations on every start. Must stay idempotent.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Lets GIN indexes lead with workspace_id (custom jsonb columns), as every tenant index must.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Search support (customers P9). Generated columns call these, so they must exist before the
-- migrations. Text as search compares it: NFKC (full-width letters and digits become
-- half-width), lower case, white space runs as one space.
CREATE OR REPLACE FUNCTION voyage_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT btrim(regexp_replace(lower(normalize(value, NFKC)), '\s+', ' ', 'g')) $$;

-- Every 2- and 3-character substring of the search text. A GIN index over them answers
-- substring queries of two characters (张伟, 小明), which trigram indexes cannot, in any locale.
-- A loop rather than a set query: every contact and account insert computes it (a generated
-- column), and this form is 3–4 times faster. Same set of grams (in first-seen order).
CREATE OR REPLACE FUNCTION voyage_search_grams(value text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  s text := voyage_search_text(coalesce(value, ''));
  len int := length(s);
  grams text[] := '{}';
  g text;
BEGIN
  FOR i IN 1 .. len - 1 LOOP
    g := substr(s, i, 2);
    IF NOT (g = ANY (grams)) THEN grams := grams || g; END IF;
    IF i < len - 1 THEN
      g := substr(s, i, 3);
      IF NOT (g = ANY (grams)) THEN grams := grams || g; END IF;
    END IF;
  END LOOP;
  RETURN grams;
END
$$;

-- The grams a query must all have: its trigrams (more selective), or its bigram when it is
-- two characters long. Empty for shorter queries, which therefore match nothing by grams.
CREATE OR REPLACE FUNCTION voyage_search_query_grams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(s, i, n)), '{}')
    FROM (SELECT voyage_search_text(coalesce(value, '')) AS s) AS source
    CROSS JOIN LATERAL (SELECT CASE WHEN length(s) >= 3 THEN 3 ELSE 2 END AS n) AS size
    CROSS JOIN LATERAL generate_series(1, length(s) - n + 1) AS i
  $$;

CREATE TABLE "deal_closed_rollups" (
	"workspace_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"deal_count" bigint DEFAULT 0 NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"cycle_seconds" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "deal_closed_rollups_workspace_id_grain_bucket_pipeline_id_owner_id_currency_status_pk" PRIMARY KEY("workspace_id","grain","bucket","pipeline_id","owner_id","currency","status")
);
--> statement-breakpoint
CREATE TABLE "deal_funnel_rollups" (
	"workspace_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"reached" uuid[] NOT NULL,
	"deal_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_funnel_rollups_workspace_id_pipeline_id_grain_bucket_reached_pk" PRIMARY KEY("workspace_id","pipeline_id","grain","bucket","reached")
);
--> statement-breakpoint
CREATE TABLE "deal_move_rollups" (
	"workspace_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"move_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_move_rollups_workspace_id_grain_bucket_pipeline_id_user_id_pk" PRIMARY KEY("workspace_id","grain","bucket","pipeline_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "task_done_rollups" (
	"workspace_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"task_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "task_done_rollups_workspace_id_grain_bucket_owner_id_pk" PRIMARY KEY("workspace_id","grain","bucket","owner_id")
);
--> statement-breakpoint
ALTER TABLE "deal_closed_rollups" ADD CONSTRAINT "deal_closed_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_funnel_rollups" ADD CONSTRAINT "deal_funnel_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_move_rollups" ADD CONSTRAINT "deal_move_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_done_rollups" ADD CONSTRAINT "task_done_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The two buckets a time falls in: its UTC day and its UTC month (first day).
CREATE OR REPLACE FUNCTION sales_rollup_buckets(at timestamptz) RETURNS TABLE (grain text, bucket date) AS $$
  SELECT * FROM (VALUES ('d', (at AT TIME ZONE 'UTC')::date), ('m', date_trunc('month', at AT TIME ZONE 'UTC')::date)) v(grain, bucket)
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- A deal's reached stages as a set: sorted, without repeats.
CREATE OR REPLACE FUNCTION sales_stage_set(ids uuid[]) RETURNS uuid[] AS $$
  SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}'::uuid[]) FROM unnest(ids) x
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- Adds (+1) or takes out (-1) the stage moves of one deal's history: when the deal is restored
-- or trashed (or deleted while live). Taking out is a plain UPDATE of rows that exist, so a
-- workspace's cascading delete never inserts.
CREATE OR REPLACE FUNCTION sales_deal_moves_rollup(ws uuid, deal uuid, sign int) RETURNS void AS $$
BEGIN
  IF sign > 0 THEN
    INSERT INTO deal_move_rollups AS r (workspace_id, grain, bucket, pipeline_id, user_id, move_count)
    SELECT ws, b.grain, b.bucket, h.pipeline_id, h.changed_by, count(*)
      FROM deal_stage_history h CROSS JOIN LATERAL sales_rollup_buckets(h.changed_at) b
     WHERE h.workspace_id = ws AND h.deal_id = deal AND h.from_stage_id IS NOT NULL AND h.changed_by IS NOT NULL
     GROUP BY b.grain, b.bucket, h.pipeline_id, h.changed_by
    ON CONFLICT (workspace_id, grain, bucket, pipeline_id, user_id) DO UPDATE SET move_count = r.move_count + excluded.move_count;
  ELSE
    UPDATE deal_move_rollups r SET move_count = r.move_count - m.n
      FROM (SELECT b.grain, b.bucket, h.pipeline_id, h.changed_by, count(*) AS n
              FROM deal_stage_history h CROSS JOIN LATERAL sales_rollup_buckets(h.changed_at) b
             WHERE h.workspace_id = ws AND h.deal_id = deal AND h.from_stage_id IS NOT NULL AND h.changed_by IS NOT NULL
             GROUP BY b.grain, b.bucket, h.pipeline_id, h.changed_by) m
     WHERE r.workspace_id = ws AND r.grain = m.grain AND r.bucket = m.bucket AND r.pipeline_id = m.pipeline_id AND r.user_id = m.changed_by;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Deals: closed won/lost (by close time) and the funnel (by creation time) of live owned deals;
-- trash and restore take the deal's stage moves out and put them back.
CREATE OR REPLACE FUNCTION sales_deal_performance_rollups() RETURNS trigger AS $$
DECLARE
  old_closed boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND OLD.status IN ('won', 'lost') AND OLD.closed_at IS NOT NULL AND OLD.owner_id IS NOT NULL;
  new_closed boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND NEW.status IN ('won', 'lost') AND NEW.closed_at IS NOT NULL AND NEW.owner_id IS NOT NULL;
  old_live boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL;
  new_live boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT DISTINCT FROM NEW.deleted_at AND OLD.status = NEW.status AND OLD.closed_at IS NOT DISTINCT FROM NEW.closed_at
     AND OLD.created_at = NEW.created_at AND OLD.owner_id IS NOT DISTINCT FROM NEW.owner_id AND OLD.pipeline_id = NEW.pipeline_id AND OLD.currency = NEW.currency
     AND OLD.amount_minor = NEW.amount_minor AND OLD.reached_stage_ids = NEW.reached_stage_ids THEN
    RETURN NULL;
  END IF;
  IF NOT (old_closed AND new_closed AND OLD.status = NEW.status AND OLD.closed_at = NEW.closed_at AND OLD.created_at = NEW.created_at AND OLD.owner_id = NEW.owner_id
          AND OLD.pipeline_id = NEW.pipeline_id AND OLD.currency = NEW.currency AND OLD.amount_minor = NEW.amount_minor) THEN
    IF old_closed THEN
      UPDATE deal_closed_rollups r SET deal_count = r.deal_count - 1, amount_minor = r.amount_minor - OLD.amount_minor,
             cycle_seconds = r.cycle_seconds - extract(epoch FROM OLD.closed_at - OLD.created_at)
        FROM sales_rollup_buckets(OLD.closed_at) b
       WHERE r.workspace_id = OLD.workspace_id AND r.grain = b.grain AND r.bucket = b.bucket AND r.pipeline_id = OLD.pipeline_id
         AND r.owner_id = OLD.owner_id AND r.currency = OLD.currency AND r.status = OLD.status;
    END IF;
    IF new_closed THEN
      INSERT INTO deal_closed_rollups AS r (workspace_id, grain, bucket, pipeline_id, owner_id, currency, status, deal_count, amount_minor, cycle_seconds)
      SELECT NEW.workspace_id, b.grain, b.bucket, NEW.pipeline_id, NEW.owner_id, NEW.currency, NEW.status, 1, NEW.amount_minor, extract(epoch FROM NEW.closed_at - NEW.created_at)
        FROM sales_rollup_buckets(NEW.closed_at) b
      ON CONFLICT (workspace_id, grain, bucket, pipeline_id, owner_id, currency, status)
      DO UPDATE SET deal_count = r.deal_count + 1, amount_minor = r.amount_minor + excluded.amount_minor, cycle_seconds = r.cycle_seconds + excluded.cycle_seconds;
    END IF;
  END IF;
  IF NOT (old_live AND new_live AND OLD.created_at = NEW.created_at AND OLD.pipeline_id = NEW.pipeline_id AND OLD.reached_stage_ids = NEW.reached_stage_ids) THEN
    IF old_live THEN
      UPDATE deal_funnel_rollups r SET deal_count = r.deal_count - 1
        FROM sales_rollup_buckets(OLD.created_at) b
       WHERE r.workspace_id = OLD.workspace_id AND r.pipeline_id = OLD.pipeline_id AND r.grain = b.grain AND r.bucket = b.bucket AND r.reached = sales_stage_set(OLD.reached_stage_ids);
    END IF;
    IF new_live THEN
      INSERT INTO deal_funnel_rollups AS r (workspace_id, pipeline_id, grain, bucket, reached, deal_count)
      SELECT NEW.workspace_id, NEW.pipeline_id, b.grain, b.bucket, sales_stage_set(NEW.reached_stage_ids), 1 FROM sales_rollup_buckets(NEW.created_at) b
      ON CONFLICT (workspace_id, pipeline_id, grain, bucket, reached) DO UPDATE SET deal_count = r.deal_count + 1;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND old_live <> new_live THEN
    PERFORM sales_deal_moves_rollup(NEW.workspace_id, NEW.id, CASE WHEN new_live THEN 1 ELSE -1 END);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deals_performance_rollups AFTER INSERT OR UPDATE OR DELETE ON deals FOR EACH ROW EXECUTE FUNCTION sales_deal_performance_rollups();
--> statement-breakpoint
-- A live deal deleted outright: its moves go before the history rows cascade away (the
-- history trigger then finds no deal and leaves the rollup alone).
CREATE OR REPLACE FUNCTION sales_deal_delete_moves_rollup() RETURNS trigger AS $$
BEGIN
  IF OLD.deleted_at IS NULL THEN
    PERFORM sales_deal_moves_rollup(OLD.workspace_id, OLD.id, -1);
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deals_delete_moves_rollup BEFORE DELETE ON deals FOR EACH ROW EXECUTE FUNCTION sales_deal_delete_moves_rollup();
--> statement-breakpoint
-- Stage history: a move counts while its deal is live.
CREATE OR REPLACE FUNCTION sales_history_move_rollups() RETURNS trigger AS $$
DECLARE
  old_counts boolean := false;
  new_counts boolean := false;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.deal_id = NEW.deal_id AND OLD.pipeline_id = NEW.pipeline_id AND OLD.from_stage_id IS NOT DISTINCT FROM NEW.from_stage_id
     AND OLD.changed_at = NEW.changed_at AND OLD.changed_by IS NOT DISTINCT FROM NEW.changed_by THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.from_stage_id IS NOT NULL AND OLD.changed_by IS NOT NULL THEN
    old_counts := EXISTS (SELECT 1 FROM deals WHERE workspace_id = OLD.workspace_id AND id = OLD.deal_id AND deleted_at IS NULL);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.from_stage_id IS NOT NULL AND NEW.changed_by IS NOT NULL THEN
    new_counts := EXISTS (SELECT 1 FROM deals WHERE workspace_id = NEW.workspace_id AND id = NEW.deal_id AND deleted_at IS NULL);
  END IF;
  IF old_counts THEN
    UPDATE deal_move_rollups r SET move_count = r.move_count - 1
      FROM sales_rollup_buckets(OLD.changed_at) b
     WHERE r.workspace_id = OLD.workspace_id AND r.grain = b.grain AND r.bucket = b.bucket AND r.pipeline_id = OLD.pipeline_id AND r.user_id = OLD.changed_by;
  END IF;
  IF new_counts THEN
    INSERT INTO deal_move_rollups AS r (workspace_id, grain, bucket, pipeline_id, user_id, move_count)
    SELECT NEW.workspace_id, b.grain, b.bucket, NEW.pipeline_id, NEW.changed_by, 1 FROM sales_rollup_buckets(NEW.changed_at) b
    ON CONFLICT (workspace_id, grain, bucket, pipeline_id, user_id) DO UPDATE SET move_count = r.move_count + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deal_stage_history_move_rollups AFTER INSERT OR UPDATE OR DELETE ON deal_stage_history FOR EACH ROW EXECUTE FUNCTION sales_history_move_rollups();
--> statement-breakpoint
-- Tasks and meetings: done, live and owned, by completion time.
CREATE OR REPLACE FUNCTION sales_task_done_rollups() RETURNS trigger AS $$
DECLARE
  old_counts boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND OLD.status = 'done' AND OLD.completed_at IS NOT NULL AND OLD.owner_id IS NOT NULL;
  new_counts boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND NEW.status = 'done' AND NEW.completed_at IS NOT NULL AND NEW.owner_id IS NOT NULL;
BEGIN
  IF old_counts AND new_counts AND OLD.completed_at = NEW.completed_at AND OLD.owner_id = NEW.owner_id THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    UPDATE task_done_rollups r SET task_count = r.task_count - 1
      FROM sales_rollup_buckets(OLD.completed_at) b
     WHERE r.workspace_id = OLD.workspace_id AND r.grain = b.grain AND r.bucket = b.bucket AND r.owner_id = OLD.owner_id;
  END IF;
  IF new_counts THEN
    INSERT INTO task_done_rollups AS r (workspace_id, grain, bucket, owner_id, task_count)
    SELECT NEW.workspace_id, b.grain, b.bucket, NEW.owner_id, 1 FROM sales_rollup_buckets(NEW.completed_at) b
    ON CONFLICT (workspace_id, grain, bucket, owner_id) DO UPDATE SET task_count = r.task_count + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tasks_done_rollups AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION sales_task_done_rollups();
--> statement-breakpoint
-- Rebuilds the rollups of one workspace (or of all, given null) from the records: the backfill
-- below, and the benchmark seed after its bulk load with the triggers paused.
CREATE OR REPLACE FUNCTION sales_performance_rollups_rebuild(ws uuid) RETURNS void AS $$
BEGIN
  DELETE FROM deal_closed_rollups WHERE ws IS NULL OR workspace_id = ws;
  DELETE FROM deal_move_rollups WHERE ws IS NULL OR workspace_id = ws;
  DELETE FROM task_done_rollups WHERE ws IS NULL OR workspace_id = ws;
  DELETE FROM deal_funnel_rollups WHERE ws IS NULL OR workspace_id = ws;
  INSERT INTO deal_closed_rollups (workspace_id, grain, bucket, pipeline_id, owner_id, currency, status, deal_count, amount_minor, cycle_seconds)
  SELECT d.workspace_id, b.grain, b.bucket, d.pipeline_id, d.owner_id, d.currency, d.status, count(*), sum(d.amount_minor), sum(extract(epoch FROM d.closed_at - d.created_at))
    FROM deals d CROSS JOIN LATERAL sales_rollup_buckets(d.closed_at) b
   WHERE (ws IS NULL OR d.workspace_id = ws) AND d.deleted_at IS NULL AND d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL AND d.owner_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO deal_move_rollups (workspace_id, grain, bucket, pipeline_id, user_id, move_count)
  SELECT h.workspace_id, b.grain, b.bucket, h.pipeline_id, h.changed_by, count(*)
    FROM deal_stage_history h JOIN deals d ON d.workspace_id = h.workspace_id AND d.id = h.deal_id AND d.deleted_at IS NULL
    CROSS JOIN LATERAL sales_rollup_buckets(h.changed_at) b
   WHERE (ws IS NULL OR h.workspace_id = ws) AND h.from_stage_id IS NOT NULL AND h.changed_by IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO task_done_rollups (workspace_id, grain, bucket, owner_id, task_count)
  SELECT t.workspace_id, b.grain, b.bucket, t.owner_id, count(*)
    FROM tasks t CROSS JOIN LATERAL sales_rollup_buckets(t.completed_at) b
   WHERE (ws IS NULL OR t.workspace_id = ws) AND t.deleted_at IS NULL AND t.status = 'done' AND t.completed_at IS NOT NULL AND t.owner_id IS NOT NULL
   GROUP BY 1, 2, 3, 4;
  INSERT INTO deal_funnel_rollups (workspace_id, pipeline_id, grain, bucket, reached, deal_count)
  SELECT d.workspace_id, d.pipeline_id, b.grain, b.bucket, sales_stage_set(d.reached_stage_ids), count(*)
    FROM deals d CROSS JOIN LATERAL sales_rollup_buckets(d.created_at) b
   WHERE (ws IS NULL OR d.workspace_id = ws) AND d.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4, 5;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT sales_performance_rollups_rebuild(NULL);
--> statement-breakpoint
ANALYZE deal_closed_rollups, deal_move_rollups, task_done_rollups, deal_funnel_rollups;

ALTER TABLE "deals" ADD COLUMN "reached_stage_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "deal_stage_history_moves_idx" ON "deal_stage_history" USING btree ("workspace_id","changed_at","changed_by","deal_id","pipeline_id") WHERE "deal_stage_history"."from_stage_id" is not null;--> statement-breakpoint
CREATE INDEX "deals_closed_idx" ON "deals" USING btree ("workspace_id","closed_at","owner_id","status","currency","amount_minor","created_at","pipeline_id") WHERE "deals"."deleted_at" is null and "deals"."status" in ('won', 'lost');--> statement-breakpoint
CREATE INDEX "deals_open_owner_idx" ON "deals" USING btree ("workspace_id","owner_id","currency","amount_minor","pipeline_id") WHERE "deals"."deleted_at" is null and "deals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("workspace_id","pipeline_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_trashed_idx" ON "deals" USING btree ("workspace_id","id") WHERE "deals"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "tasks_done_idx" ON "tasks" USING btree ("workspace_id","completed_at","owner_id") WHERE "tasks"."status" = 'done' and "tasks"."deleted_at" is null;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_deal_reached_stage() RETURNS trigger AS $$
BEGIN
  UPDATE deals SET reached_stage_ids = reached_stage_ids || NEW.to_stage_id
   WHERE workspace_id = NEW.workspace_id AND id = NEW.deal_id AND NOT (NEW.to_stage_id = ANY (reached_stage_ids));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deal_stage_history_reached AFTER INSERT ON deal_stage_history FOR EACH ROW EXECUTE FUNCTION sales_deal_reached_stage();
--> statement-breakpoint
UPDATE deals d SET reached_stage_ids = h.ids
  FROM (SELECT workspace_id, deal_id, array_agg(DISTINCT to_stage_id) AS ids FROM deal_stage_history GROUP BY workspace_id, deal_id) h
 WHERE d.workspace_id = h.workspace_id AND d.id = h.deal_id;

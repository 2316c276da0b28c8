ALTER TABLE "deals" ADD COLUMN "stalled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "deals_stalled_idx" ON "deals" USING btree ("workspace_id","stalled_at") WHERE "deals"."stalled_at" is not null;--> statement-breakpoint
-- "Stalled since" of a deal, the date the stalled-deal workflow fires on: its last activity (or
-- the time it entered its stage) plus its pipeline's stall days (deal_stall_settings, default
-- 14); empty when the deal is closed, in the trash, or its pipeline's alert is off. Kept on
-- every write that can change it; a pipeline's settings change recomputes its open deals
-- (modules/sales/src/deals/stall/stall-settings.ts). Days are 24 hours, as the board's badge counts them.
CREATE OR REPLACE FUNCTION sales_deal_stalled_at() RETURNS trigger AS $$
DECLARE
  v_enabled boolean;
  v_days integer;
BEGIN
  IF NEW.status <> 'open' OR NEW.deleted_at IS NOT NULL THEN
    NEW.stalled_at := NULL;
    RETURN NEW;
  END IF;
  SELECT enabled, stall_days INTO v_enabled, v_days FROM deal_stall_settings
   WHERE workspace_id = NEW.workspace_id AND pipeline_id = NEW.pipeline_id;
  IF v_enabled IS FALSE THEN
    NEW.stalled_at := NULL;
  ELSE
    NEW.stalled_at := coalesce(NEW.last_activity_at, NEW.stage_entered_at) + make_interval(hours => 24 * coalesce(v_days, 14));
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
UPDATE deals d SET stalled_at = coalesce(d.last_activity_at, d.stage_entered_at)
    + make_interval(hours => 24 * coalesce((SELECT s.stall_days FROM deal_stall_settings s WHERE s.workspace_id = d.workspace_id AND s.pipeline_id = d.pipeline_id), 14))
 WHERE d.status = 'open' AND d.deleted_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM deal_stall_settings s WHERE s.workspace_id = d.workspace_id AND s.pipeline_id = d.pipeline_id AND NOT s.enabled);
--> statement-breakpoint
CREATE TRIGGER deals_stalled_at BEFORE INSERT OR UPDATE OF status, deleted_at, pipeline_id, last_activity_at, stage_entered_at ON deals FOR EACH ROW EXECUTE FUNCTION sales_deal_stalled_at();

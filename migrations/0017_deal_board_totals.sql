CREATE TABLE "deal_board_totals" (
	"workspace_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"deal_count" bigint DEFAULT 0 NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_board_totals_workspace_id_pipeline_id_stage_id_owner_id_currency_pk" PRIMARY KEY("workspace_id","pipeline_id","stage_id","owner_id","currency")
);
--> statement-breakpoint
ALTER TABLE "deal_board_totals" ADD CONSTRAINT "deal_board_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_deal_board_totals() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT DISTINCT FROM NEW.deleted_at AND OLD.pipeline_id = NEW.pipeline_id AND OLD.stage_id = NEW.stage_id
     AND OLD.owner_id IS NOT DISTINCT FROM NEW.owner_id AND OLD.currency = NEW.currency AND OLD.amount_minor = NEW.amount_minor THEN
    RETURN NULL;
  END IF;
  -- The row of a live deal exists (it was added when the deal became live), so taking a deal
  -- out is a plain UPDATE: no insert that a workspace's cascading delete would trip over.
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE deal_board_totals SET deal_count = deal_count - 1, amount_minor = amount_minor - OLD.amount_minor
    WHERE workspace_id = OLD.workspace_id AND pipeline_id = OLD.pipeline_id AND stage_id = OLD.stage_id
      AND owner_id = coalesce(OLD.owner_id, '00000000-0000-0000-0000-000000000000') AND currency = OLD.currency;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
    INSERT INTO deal_board_totals AS t (workspace_id, pipeline_id, stage_id, owner_id, currency, deal_count, amount_minor)
    VALUES (NEW.workspace_id, NEW.pipeline_id, NEW.stage_id, coalesce(NEW.owner_id, '00000000-0000-0000-0000-000000000000'), NEW.currency, 1, NEW.amount_minor)
    ON CONFLICT (workspace_id, pipeline_id, stage_id, owner_id, currency)
    DO UPDATE SET deal_count = t.deal_count + 1, amount_minor = t.amount_minor + NEW.amount_minor;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER deals_board_totals AFTER INSERT OR UPDATE OR DELETE ON deals FOR EACH ROW EXECUTE FUNCTION sales_deal_board_totals();
--> statement-breakpoint
INSERT INTO deal_board_totals (workspace_id, pipeline_id, stage_id, owner_id, currency, deal_count, amount_minor)
SELECT workspace_id, pipeline_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), currency, count(*), coalesce(sum(amount_minor), 0)
FROM deals WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;

CREATE TABLE "assignment_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "assignment_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lifecycle_history" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"source" text NOT NULL,
	CONSTRAINT "lifecycle_history_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "ownership_transfers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"from_owner_id" uuid,
	"to_owner_id" uuid,
	"kind" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ownership_transfers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "customer_level" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "pool_status" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "pool_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "previous_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "reclaim_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_name" text GENERATED ALWAYS AS (voyage_search_text(name)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "customer_level" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "pool_status" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "pool_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "previous_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "reclaim_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_name" text GENERATED ALWAYS AS (voyage_search_text(name)) STORED;--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD CONSTRAINT "assignment_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifecycle_history" ADD CONSTRAINT "lifecycle_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownership_transfers" ADD CONSTRAINT "ownership_transfers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_rules_object_idx" ON "assignment_rules" USING btree ("workspace_id","object","position");--> statement-breakpoint
CREATE INDEX "lifecycle_history_record_idx" ON "lifecycle_history" USING btree ("workspace_id","object","record_id","changed_at");--> statement-breakpoint
CREATE INDEX "lifecycle_history_funnel_idx" ON "lifecycle_history" USING btree ("workspace_id","object","changed_at","to_stage");--> statement-breakpoint
CREATE INDEX "ownership_transfers_record_idx" ON "ownership_transfers" USING btree ("workspace_id","object","record_id","at");--> statement-breakpoint
CREATE INDEX "ownership_transfers_to_owner_idx" ON "ownership_transfers" USING btree ("workspace_id","to_owner_id","kind","at");--> statement-breakpoint
CREATE INDEX "accounts_pool_idx" ON "accounts" USING btree ("workspace_id","pool_status","pool_entered_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "accounts_search_name_idx" ON "accounts" USING btree ("workspace_id",(search_name collate "C"));--> statement-breakpoint
CREATE INDEX "contacts_pool_idx" ON "contacts" USING btree ("workspace_id","pool_status","pool_entered_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "contacts_search_name_idx" ON "contacts" USING btree ("workspace_id",(search_name collate "C"));
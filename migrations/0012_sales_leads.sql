CREATE TABLE "lead_assignment_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"field" text,
	"value" text,
	"user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "lead_assignment_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"file_name" text,
	"encoding" text NOT NULL,
	"total_rows" integer NOT NULL,
	"created_count" integer NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'done' NOT NULL,
	"undone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "lead_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"company" text,
	"title" text,
	"email" text,
	"phone" text,
	"mobile" text,
	"phone_e164" text,
	"mobile_e164" text,
	"region" text,
	"industry" text,
	"size" text,
	"source" text DEFAULT 'other' NOT NULL,
	"channel" text,
	"status" text DEFAULT 'new' NOT NULL,
	"disqualify_reason" text,
	"disqualify_note" text,
	"owner_id" uuid,
	"import_id" uuid,
	"converted_account_id" uuid,
	"converted_contact_id" uuid,
	"converted_deal_id" uuid,
	"converted_at" timestamp with time zone,
	"converted_by" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "leads_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "lead_assignment_rules" ADD CONSTRAINT "lead_assignment_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_assignment_rules_position_idx" ON "lead_assignment_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "lead_imports_created_idx" ON "lead_imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_owner_updated_idx" ON "leads" USING btree ("workspace_id","owner_id","updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "leads_updated_idx" ON "leads" USING btree ("workspace_id","updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "leads_import_idx" ON "leads" USING btree ("workspace_id","import_id");--> statement-breakpoint
CREATE INDEX "leads_custom_gin" ON "leads" USING gin ("workspace_id","custom" jsonb_path_ops);
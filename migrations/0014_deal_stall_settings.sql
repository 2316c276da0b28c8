CREATE TABLE "deal_stall_settings" (
	"workspace_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"stall_days" integer DEFAULT 14 NOT NULL,
	"escalate_after_days" integer DEFAULT 7 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "deal_stall_settings_workspace_id_pipeline_id_pk" PRIMARY KEY("workspace_id","pipeline_id")
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "close_reason_id" uuid;--> statement-breakpoint
ALTER TABLE "deal_stall_settings" ADD CONSTRAINT "deal_stall_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stall_settings" ADD CONSTRAINT "deal_stall_settings_workspace_id_pipeline_id_pipelines_workspace_id_id_fk" FOREIGN KEY ("workspace_id","pipeline_id") REFERENCES "public"."pipelines"("workspace_id","id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "workflow_default_installs" (
	"workspace_id" uuid NOT NULL,
	"template_key" text NOT NULL,
	"workflow_id" uuid NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_default_installs_workspace_id_template_key_pk" PRIMARY KEY("workspace_id","template_key")
);
--> statement-breakpoint
ALTER TABLE "workflow_default_installs" ADD CONSTRAINT "workflow_default_installs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stall_settings" DROP COLUMN "escalate_after_days";--> statement-breakpoint
ALTER TABLE "deals" DROP COLUMN "stalled_notified_at";--> statement-breakpoint
ALTER TABLE "deals" DROP COLUMN "stalled_escalated_at";
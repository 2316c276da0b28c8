CREATE TABLE "workflow_runs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"workflow_version" integer NOT NULL,
	"object" text,
	"record_id" uuid,
	"trigger" jsonb NOT NULL,
	"status" text NOT NULL,
	"error" jsonb,
	"depth" integer DEFAULT 0 NOT NULL,
	"dedupe_key" text NOT NULL,
	"current_node_id" text,
	"current_iteration" integer DEFAULT 0 NOT NULL,
	"visits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ready_at" timestamp with time zone,
	"waiting_until" timestamp with time zone,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "workflow_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workflow_steps" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"iteration" integer DEFAULT 0 NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"input" jsonb,
	"output" jsonb,
	"outcome" text,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "workflow_steps_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workflow_trigger_marks" (
	"workspace_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"swept_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workflow_trigger_marks_workspace_id_workflow_id_pk" PRIMARY KEY("workspace_id","workflow_id")
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"workspace_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"graph" jsonb NOT NULL,
	"run_as_user_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "workflow_versions_workspace_id_workflow_id_version_pk" PRIMARY KEY("workspace_id","workflow_id","version")
);
--> statement-breakpoint
CREATE TABLE "workflow_waits" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"due_at" timestamp with time zone,
	"due_outcome" text,
	"event" text,
	"correlation_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"fired_at" timestamp with time zone,
	CONSTRAINT "workflow_waits_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'off' NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_version" integer DEFAULT 1 NOT NULL,
	"published_version" integer,
	"published_draft_version" integer,
	"template_key" text,
	"webhook_secret" text,
	"webhook_secret_hash" text,
	"in_flight" text DEFAULT 'continue' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "workflows_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "cause" jsonb;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_steps" ADD CONSTRAINT "workflow_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_trigger_marks" ADD CONSTRAINT "workflow_trigger_marks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_waits" ADD CONSTRAINT "workflow_waits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_runs_dedupe_idx" ON "workflow_runs" USING btree ("workspace_id","workflow_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "workflow_runs_list_idx" ON "workflow_runs" USING btree ("workspace_id","workflow_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "workflow_runs_record_idx" ON "workflow_runs" USING btree ("workspace_id","workflow_id","record_id","started_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_ready_idx" ON "workflow_runs" USING btree ("ready_at") WHERE "workflow_runs"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_steps_node_idx" ON "workflow_steps" USING btree ("workspace_id","run_id","node_id","iteration");--> statement-breakpoint
CREATE INDEX "workflow_waits_due_idx" ON "workflow_waits" USING btree ("due_at") WHERE "workflow_waits"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "workflow_waits_event_idx" ON "workflow_waits" USING btree ("workspace_id","event","correlation_key") WHERE "workflow_waits"."status" = 'pending' and "workflow_waits"."event" is not null;--> statement-breakpoint
CREATE INDEX "workflow_waits_run_idx" ON "workflow_waits" USING btree ("workspace_id","run_id");--> statement-breakpoint
CREATE INDEX "workflows_status_idx" ON "workflows" USING btree ("workspace_id","status") WHERE "workflows"."deleted_at" is null;
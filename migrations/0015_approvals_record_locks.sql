CREATE TABLE "record_locks" (
	"workspace_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_locks_workspace_id_holder_id_pk" PRIMARY KEY("workspace_id","holder_id")
);
--> statement-breakpoint
CREATE TABLE "approval_history" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"stage_index" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_history_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "approval_processes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"object" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"steps" jsonb NOT NULL,
	"no_approver" text NOT NULL,
	"guarded_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"resubmit" text NOT NULL,
	"on_approved" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"on_rejected" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "approval_processes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"object" text NOT NULL,
	"record_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"chosen_approver_id" uuid,
	"status" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"process" jsonb NOT NULL,
	"stages" jsonb NOT NULL,
	"current_stage" integer,
	"stopped_stage" integer,
	"run_id" text,
	"run_step_id" text,
	"idempotency_key" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_requests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "approval_tasks" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"stage_index" integer NOT NULL,
	"approver_id" uuid,
	"status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "record_locks" ADD CONSTRAINT "record_locks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_history" ADD CONSTRAINT "approval_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_history" ADD CONSTRAINT "approval_history_workspace_id_request_id_approval_requests_workspace_id_id_fk" FOREIGN KEY ("workspace_id","request_id") REFERENCES "public"."approval_requests"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_processes" ADD CONSTRAINT "approval_processes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_workspace_id_process_id_approval_processes_workspace_id_id_fk" FOREIGN KEY ("workspace_id","process_id") REFERENCES "public"."approval_processes"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_workspace_id_request_id_approval_requests_workspace_id_id_fk" FOREIGN KEY ("workspace_id","request_id") REFERENCES "public"."approval_requests"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_locks_record_idx" ON "record_locks" USING btree ("workspace_id","object","record_id");--> statement-breakpoint
CREATE INDEX "approval_history_request_idx" ON "approval_history" USING btree ("workspace_id","request_id","at");--> statement-breakpoint
CREATE INDEX "approval_processes_object_idx" ON "approval_processes" USING btree ("workspace_id","object");--> statement-breakpoint
CREATE INDEX "approval_requests_record_idx" ON "approval_requests" USING btree ("workspace_id","object","record_id");--> statement-breakpoint
CREATE INDEX "approval_requests_submitter_idx" ON "approval_requests" USING btree ("workspace_id","submitted_by","status");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_pending_idx" ON "approval_requests" USING btree ("workspace_id","object","record_id") WHERE "approval_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_idempotency_idx" ON "approval_requests" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "approval_tasks_request_idx" ON "approval_tasks" USING btree ("workspace_id","request_id");--> statement-breakpoint
CREATE INDEX "approval_tasks_approver_idx" ON "approval_tasks" USING btree ("workspace_id","approver_id","status");
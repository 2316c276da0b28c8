CREATE TABLE "account_contacts" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"role" text,
	"influence" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "account_contacts_workspace_id_account_id_contact_id_pk" PRIMARY KEY("workspace_id","account_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "contact_reports_to" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"manager_contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "contact_reports_to_workspace_id_account_id_contact_id_pk" PRIMARY KEY("workspace_id","account_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "contact_roles" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"labels" jsonb NOT NULL,
	"color" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "contact_roles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "contact_reports_to" ADD CONSTRAINT "contact_reports_to_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reports_to" ADD CONSTRAINT "contact_reports_to_workspace_id_account_id_contact_id_account_contacts_workspace_id_account_id_contact_id_fk" FOREIGN KEY ("workspace_id","account_id","contact_id") REFERENCES "public"."account_contacts"("workspace_id","account_id","contact_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "contact_reports_to" ADD CONSTRAINT "contact_reports_to_workspace_id_account_id_manager_contact_id_account_contacts_workspace_id_account_id_contact_id_fk" FOREIGN KEY ("workspace_id","account_id","manager_contact_id") REFERENCES "public"."account_contacts"("workspace_id","account_id","contact_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "contact_roles" ADD CONSTRAINT "contact_roles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_contacts_contact_idx" ON "account_contacts" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_contacts_primary_idx" ON "account_contacts" USING btree ("workspace_id","contact_id") WHERE is_primary;--> statement-breakpoint
CREATE INDEX "contact_reports_to_manager_idx" ON "contact_reports_to" USING btree ("workspace_id","account_id","manager_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_roles_key_idx" ON "contact_roles" USING btree ("workspace_id","key");
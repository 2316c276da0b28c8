ALTER TABLE "accounts" ADD COLUMN "phone_e164" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (voyage_search_grams(name || ' ' || coalesce(legal_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_e164" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "mobile_e164" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (voyage_search_grams(name)) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(mobile, ''), '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "accounts_search_grams_gin" ON "accounts" USING gin ("workspace_id","search_grams");--> statement-breakpoint
CREATE INDEX "accounts_phone_digits_trgm" ON "accounts" USING gin ("workspace_id","phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accounts_phone_e164_idx" ON "accounts" USING btree ("workspace_id","phone_e164");--> statement-breakpoint
CREATE INDEX "accounts_name_key_idx" ON "accounts" USING btree ("workspace_id","name_key");--> statement-breakpoint
CREATE INDEX "accounts_name_key_trgm" ON "accounts" USING gin ("workspace_id","name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_grams_gin" ON "contacts" USING gin ("workspace_id","search_grams");--> statement-breakpoint
CREATE INDEX "contacts_phone_digits_trgm" ON "contacts" USING gin ("workspace_id","phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("workspace_id","email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_e164_idx" ON "contacts" USING btree ("workspace_id","phone_e164");--> statement-breakpoint
CREATE INDEX "contacts_mobile_e164_idx" ON "contacts" USING btree ("workspace_id","mobile_e164");
ALTER TABLE "deals" ALTER COLUMN "forecast_category" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "deals" ALTER COLUMN "forecast_category" DROP NOT NULL;--> statement-breakpoint
-- Until now every deal got 'pipeline' by default (nobody could choose): make those "not set".
UPDATE "deals" SET "forecast_category" = NULL WHERE "forecast_category" = 'pipeline';

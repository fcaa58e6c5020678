CREATE TABLE "case_close_times" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"street_id" integer,
	"month" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"hours" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_stats_monthly" (
	"district_id" integer NOT NULL,
	"street_id" integer,
	"category_id" integer,
	"month" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"rated_sum" integer DEFAULT 0 NOT NULL,
	"rated1" integer DEFAULT 0 NOT NULL,
	"rated2" integer DEFAULT 0 NOT NULL,
	"rated3" integer DEFAULT 0 NOT NULL,
	"rated4" integer DEFAULT 0 NOT NULL,
	"rated5" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_stats_monthly_key" UNIQUE NULLS NOT DISTINCT("district_id","month","street_id","category_id")
);
--> statement-breakpoint
CREATE INDEX "case_close_times_district_month_idx" ON "case_close_times" USING btree ("district_id","month","street_id","created_at","hours");--> statement-breakpoint
CREATE INDEX "cases_stats_irregular_idx" ON "cases" USING btree ("district_id","created_at") WHERE (closed_at < created_at or closed_at - created_at > interval '366 days' or deadline_at < created_at or deadline_at - created_at > interval '366 days');
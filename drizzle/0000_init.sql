CREATE TYPE "public"."appeal_status" AS ENUM('pending', 'upheld', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."area_level" AS ENUM('district', 'street', 'community');--> statement-breakpoint
CREATE TYPE "public"."case_action" AS ENUM('submit', 'accept', 'reject', 'merge', 'dispatch', 'return', 'report_result', 'self_handle', 'verify_pass', 'verify_fail', 'supervise', 'escalate', 'reopen', 'comment', 'rate');--> statement-breakpoint
CREATE TYPE "public"."case_level" AS ENUM('segment', 'street', 'district');--> statement-breakpoint
CREATE TYPE "public"."case_media_role" AS ENUM('report', 'before', 'after', 'attachment');--> statement-breakpoint
CREATE TYPE "public"."case_source" AS ENUM('citizen', 'patrol', 'hotline', 'open311', 'inspection');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('submitted', 'accepted', 'dispatched', 'returned', 'handled', 'closed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."category_kind" AS ENUM('component', 'event');--> statement-breakpoint
CREATE TYPE "public"."chief_level" AS ENUM('total', 'first', 'second', 'third');--> statement-breakpoint
CREATE TYPE "public"."disposition" AS ENUM('self', 'dispatch', 'enforcement');--> statement-breakpoint
CREATE TYPE "public"."face" AS ENUM('ground', 'facade', 'roof');--> statement-breakpoint
CREATE TYPE "public"."flag" AS ENUM('red', 'black', 'none');--> statement-breakpoint
CREATE TYPE "public"."media_variant" AS ENUM('original', 'large', 'thumb', 'masked', 'generated');--> statement-breakpoint
CREATE TYPE "public"."note_visibility" AS ENUM('public', 'internal');--> statement-breakpoint
CREATE TYPE "public"."patrol_frequency" AS ENUM('daily', 'weekly', 'biweekly');--> statement-breakpoint
CREATE TYPE "public"."publication_kind" AS ENUM('exposure', 'praise');--> statement-breakpoint
CREATE TYPE "public"."publication_status" AS ENUM('draft', 'review', 'published', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."rating_subject" AS ENUM('merchant', 'segment');--> statement-breakpoint
CREATE TYPE "public"."reject_reason" AS ENUM('invalid', 'duplicate', 'out_of_scope');--> statement-breakpoint
CREATE TYPE "public"."scope_type" AS ENUM('district', 'street', 'chief', 'department');--> statement-breakpoint
CREATE TYPE "public"."segment_grade" AS ENUM('arterial', 'secondary', 'alley');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('admin', 'dispatcher', 'handler', 'inspector', 'publicity');--> statement-breakpoint
CREATE TABLE "area_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"level" "area_level" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"hotline" text,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chief_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"chief_id" integer NOT NULL,
	"segment_id" integer NOT NULL,
	"level" "chief_level" NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chiefs" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"organization" text,
	"phone" text NOT NULL,
	"patrol_frequency" "patrol_frequency" NOT NULL,
	"duties" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" text NOT NULL,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"segment_id" integer NOT NULL,
	"street_id" integer NOT NULL,
	"kind" text NOT NULL,
	"credit_code" text,
	"responsible_person" text NOT NULL,
	"contact_phone" text,
	"agreement_signed_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roads" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"grade" "segment_grade" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"road_id" integer NOT NULL,
	"name" text NOT NULL,
	"from_cross" text NOT NULL,
	"to_cross" text NOT NULL,
	"grade" "segment_grade" NOT NULL,
	"district_id" integer NOT NULL,
	"street_id" integer NOT NULL,
	"community_id" integer,
	"geometry" jsonb,
	"length_m" integer,
	"hotline" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signboard_prints" (
	"id" serial PRIMARY KEY NOT NULL,
	"segment_id" integer,
	"merchant_id" integer,
	"template" text NOT NULL,
	"content_hash" text NOT NULL,
	"printed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"printed_by" integer
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"segment_id" integer NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"phone" text,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"kind" "category_kind" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"face" "face",
	"time_limit_hours" double precision,
	"time_limit_is_default" boolean DEFAULT true NOT NULL,
	"common_rank" smallint,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"variant" "media_variant" NOT NULL,
	"source_id" integer,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size_bytes" bigint NOT NULL,
	"data" "bytea",
	"storage_key" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"action" "case_action" NOT NULL,
	"from_status" "case_status",
	"to_status" "case_status",
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"note" text,
	"visibility" "note_visibility" DEFAULT 'internal' NOT NULL,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_media" (
	"case_id" integer NOT NULL,
	"media_id" integer NOT NULL,
	"event_id" bigint,
	"role" "case_media_role" NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "case_media_case_id_media_id_role_pk" PRIMARY KEY("case_id","media_id","role")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"lookup_code" text NOT NULL,
	"source" "case_source" NOT NULL,
	"category_id" integer,
	"face" "face",
	"description" text NOT NULL,
	"district_id" integer NOT NULL,
	"street_id" integer,
	"segment_id" integer,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_device_hash" text,
	"status" "case_status" DEFAULT 'submitted' NOT NULL,
	"reject_reason" "reject_reason",
	"disposition" "disposition",
	"level" "case_level" DEFAULT 'segment' NOT NULL,
	"assignee_chief_id" integer,
	"assignee_department_id" integer,
	"deadline_at" timestamp with time zone,
	"duplicate_of_id" integer,
	"supervise_count" smallint DEFAULT 0 NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"satisfaction" smallint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_media" (
	"appeal_id" integer NOT NULL,
	"media_id" integer NOT NULL,
	CONSTRAINT "appeal_media_appeal_id_media_id_pk" PRIMARY KEY("appeal_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" serial PRIMARY KEY NOT NULL,
	"rating_id" integer NOT NULL,
	"merchant_id" integer NOT NULL,
	"statement" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"status" "appeal_status" DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_periods" (
	"street_id" integer NOT NULL,
	"month" date NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" integer,
	CONSTRAINT "rating_periods_street_id_month_pk" PRIMARY KEY("street_id","month")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject" "rating_subject" NOT NULL,
	"merchant_id" integer,
	"segment_id" integer,
	"street_id" integer NOT NULL,
	"month" date NOT NULL,
	"flag" "flag" NOT NULL,
	"reasons" text[] DEFAULT '{}' NOT NULL,
	"note" text,
	"inspector_user_id" integer,
	"revoked_by_appeal_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_one_subject" CHECK (("ratings"."subject" = 'merchant' and "ratings"."merchant_id" is not null and "ratings"."segment_id" is null) or ("ratings"."subject" = 'segment' and "ratings"."segment_id" is not null and "ratings"."merchant_id" is null))
);
--> statement-breakpoint
CREATE TABLE "publication_likes" (
	"publication_id" integer NOT NULL,
	"device_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publication_likes_publication_id_device_hash_pk" PRIMARY KEY("publication_id","device_hash")
);
--> statement-breakpoint
CREATE TABLE "publication_media" (
	"publication_id" integer NOT NULL,
	"media_id" integer NOT NULL,
	"role" text NOT NULL,
	"caption" text,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "publication_media_publication_id_media_id_pk" PRIMARY KEY("publication_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "publication_kind" NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"case_id" integer,
	"merchant_id" integer,
	"chief_id" integer,
	"segment_id" integer,
	"street_id" integer,
	"month" date,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"editor_user_id" integer,
	"reviewer_user_id" integer,
	"like_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"rate_per_hour" integer DEFAULT 100 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"ip" "inet",
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" "staff_role"[] NOT NULL,
	"scope_type" "scope_type" NOT NULL,
	"scope_area_id" integer,
	"chief_id" integer,
	"department_id" integer,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_attempts" smallint DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" smallint,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_seconds" integer NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_buckets_key_window_seconds_window_start_pk" PRIMARY KEY("key","window_seconds","window_start")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "area_units" ADD CONSTRAINT "area_units_parent_id_area_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chief_assignments" ADD CONSTRAINT "chief_assignments_chief_id_chiefs_id_fk" FOREIGN KEY ("chief_id") REFERENCES "public"."chiefs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chief_assignments" ADD CONSTRAINT "chief_assignments_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chiefs" ADD CONSTRAINT "chiefs_district_id_area_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_district_id_area_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roads" ADD CONSTRAINT "roads_district_id_area_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_road_id_roads_id_fk" FOREIGN KEY ("road_id") REFERENCES "public"."roads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_district_id_area_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_community_id_area_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signboard_prints" ADD CONSTRAINT "signboard_prints_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signboard_prints" ADD CONSTRAINT "signboard_prints_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_source_id_media_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_media" ADD CONSTRAINT "case_media_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_media" ADD CONSTRAINT "case_media_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_media" ADD CONSTRAINT "case_media_event_id_case_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_district_id_area_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_chief_id_chiefs_id_fk" FOREIGN KEY ("assignee_chief_id") REFERENCES "public"."chiefs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_department_id_departments_id_fk" FOREIGN KEY ("assignee_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_duplicate_of_id_cases_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_media" ADD CONSTRAINT "appeal_media_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_media" ADD CONSTRAINT "appeal_media_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_periods" ADD CONSTRAINT "rating_periods_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_likes" ADD CONSTRAINT "publication_likes_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_media" ADD CONSTRAINT "publication_media_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_media" ADD CONSTRAINT "publication_media_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_chief_id_chiefs_id_fk" FOREIGN KEY ("chief_id") REFERENCES "public"."chiefs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_street_id_area_units_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_scope_area_id_area_units_id_fk" FOREIGN KEY ("scope_area_id") REFERENCES "public"."area_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_chief_id_chiefs_id_fk" FOREIGN KEY ("chief_id") REFERENCES "public"."chiefs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "area_units_code_uq" ON "area_units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "area_units_parent_idx" ON "area_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "chief_assignments_segment_idx" ON "chief_assignments" USING btree ("segment_id","ends_on");--> statement-breakpoint
CREATE INDEX "chief_assignments_chief_idx" ON "chief_assignments" USING btree ("chief_id","ends_on");--> statement-breakpoint
CREATE INDEX "chiefs_district_name_idx" ON "chiefs" USING btree ("district_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_district_code_uq" ON "departments" USING btree ("district_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "merchants_code_uq" ON "merchants" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "merchants_credit_code_uq" ON "merchants" USING btree ("credit_code") WHERE "merchants"."credit_code" is not null;--> statement-breakpoint
CREATE INDEX "merchants_segment_idx" ON "merchants" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "merchants_street_name_idx" ON "merchants" USING btree ("street_id","name");--> statement-breakpoint
CREATE INDEX "merchants_name_prefix_idx" ON "merchants" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "roads_district_name_uq" ON "roads" USING btree ("district_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_code_uq" ON "segments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "segments_street_idx" ON "segments" USING btree ("street_id","code");--> statement-breakpoint
CREATE INDEX "segments_road_idx" ON "segments" USING btree ("road_id");--> statement-breakpoint
CREATE INDEX "segments_name_prefix_idx" ON "segments" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signboard_prints_segment_idx" ON "signboard_prints" USING btree ("segment_id","printed_at");--> statement-breakpoint
CREATE INDEX "signboard_prints_merchant_idx" ON "signboard_prints" USING btree ("merchant_id","printed_at");--> statement-breakpoint
CREATE INDEX "team_members_segment_idx" ON "team_members" USING btree ("segment_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_code_uq" ON "categories" USING btree ("code");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "media_sha256_variant_uq" ON "media" USING btree ("sha256","variant");--> statement-breakpoint
CREATE INDEX "media_source_idx" ON "media" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_media_media_idx" ON "case_media" USING btree ("media_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "cases_inbox_idx" ON "cases" USING btree ("status","street_id","deadline_at","id");--> statement-breakpoint
CREATE INDEX "cases_segment_created_idx" ON "cases" USING btree ("segment_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_chief_idx" ON "cases" USING btree ("assignee_chief_id","status") WHERE "cases"."assignee_chief_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_assignee_department_idx" ON "cases" USING btree ("assignee_department_id","status") WHERE "cases"."assignee_department_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_duplicate_of_idx" ON "cases" USING btree ("duplicate_of_id") WHERE "cases"."duplicate_of_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_district_created_idx" ON "cases" USING btree ("district_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_segment_category_created_idx" ON "cases" USING btree ("segment_id","category_id","created_at");--> statement-breakpoint
CREATE INDEX "appeals_merchant_idx" ON "appeals" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "appeals_status_idx" ON "appeals" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_merchant_month_uq" ON "ratings" USING btree ("merchant_id","month") WHERE "ratings"."merchant_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_segment_month_uq" ON "ratings" USING btree ("segment_id","month") WHERE "ratings"."segment_id" is not null;--> statement-breakpoint
CREATE INDEX "ratings_street_month_flag_idx" ON "ratings" USING btree ("street_id","month","flag");--> statement-breakpoint
CREATE INDEX "publications_public_idx" ON "publications" USING btree ("kind","status","published_at");--> statement-breakpoint
CREATE INDEX "publications_street_idx" ON "publications" USING btree ("street_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_username_uq" ON "staff_users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_expires_idx" ON "rate_limit_buckets" USING btree ("expires_at");
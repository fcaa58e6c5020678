ALTER TABLE "publication_media" ADD COLUMN "masks" jsonb;--> statement-breakpoint
-- Masks saved before this column existed: the rectangles are in the audit log's publication.mask entries.
UPDATE "publication_media" pm SET "masks" = a.rects
FROM (
  SELECT DISTINCT ON ("entity_id", "detail"->>'maskedId') "entity_id", ("detail"->>'maskedId')::int AS masked_id, "detail"->'rects' AS rects
  FROM "audit_log"
  WHERE "action" = 'publication.mask' AND "detail" ? 'maskedId' AND jsonb_typeof("detail"->'rects') = 'array'
  ORDER BY "entity_id", "detail"->>'maskedId', "at" DESC
) a
WHERE a."entity_id" = pm."publication_id"::text AND a.masked_id = pm."media_id";

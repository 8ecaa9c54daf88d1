DROP INDEX "articles_status_published_idx";--> statement-breakpoint
DROP INDEX "articles_section_published_idx";--> statement-breakpoint
CREATE INDEX "articles_public_published_idx" ON "articles" USING btree ("published_at","id") WHERE "articles"."status" = 'published' and "articles"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "articles_public_section_published_idx" ON "articles" USING btree ("section_id","published_at","id") WHERE "articles"."status" = 'published' and "articles"."withdrawn_at" is null;
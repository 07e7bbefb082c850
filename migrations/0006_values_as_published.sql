ALTER TABLE `observation_revisions` ADD `qualifier` text;--> statement-breakpoint
ALTER TABLE `observation_revisions` ADD `growth_rate_text` text;--> statement-breakpoint
DROP TRIGGER revisions_value_immutable;
--> statement-breakpoint
CREATE TRIGGER revisions_value_immutable
BEFORE UPDATE OF indicator_id, year, revision_no, value_text, data_status, source, note, entered_by, entered_at, qualifier, growth_rate_text ON observation_revisions
BEGIN SELECT RAISE(ABORT, 'a revision''s value is immutable; write a new revision'); END;

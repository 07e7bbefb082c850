-- The audit log is append-only, and a revision's value never changes after it is written.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_value_immutable
BEFORE UPDATE OF indicator_id, year, revision_no, value_text, data_status, source, note, entered_by, entered_at ON observation_revisions
BEGIN SELECT RAISE(ABORT, 'a revision''s value is immutable; write a new revision'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON observation_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;

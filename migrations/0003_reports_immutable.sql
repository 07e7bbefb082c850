-- An issued report is the record of what was reported: it is never changed or removed.
-- Yearly targets keep every version: a correction is a new row.
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
BEGIN SELECT RAISE(ABORT, 'an issued report is immutable; issue a new one'); END;
--> statement-breakpoint
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'issued reports are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER annual_targets_no_update BEFORE UPDATE ON annual_targets
BEGIN SELECT RAISE(ABORT, 'annual_targets is append-only; set a new version'); END;

-- SPEED (#13): a change sequence number per indicator, kept by triggers, so that derived progress (the list, one
-- indicator, the plan summary) is recomputed after a write only for the indicators whose inputs changed: those
-- with a seq above the highest one seen. indicator_id 0 stands for "every indicator" (plans, categories, unit
-- names, user names: inputs shared by many). Read by raw SQL in indicators.repository.ts; deliberately not in
-- schema.ts (the code never writes it).
CREATE TABLE `indicator_changes` (
	`indicator_id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `indicator_changes_seq` ON `indicator_changes` (`seq`);
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_insert AFTER INSERT ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_update AFTER UPDATE ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes)), (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_delete AFTER DELETE ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_insert AFTER INSERT ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_update AFTER UPDATE ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes)), (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_delete AFTER DELETE ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_insert AFTER INSERT ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_update AFTER UPDATE ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes)), (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_delete AFTER DELETE ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_insert AFTER INSERT ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_update AFTER UPDATE ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes)), (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_delete AFTER DELETE ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (OLD.indicator_id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_insert AFTER INSERT ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_update AFTER UPDATE ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (NEW.id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes)), (OLD.id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_delete AFTER DELETE ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (OLD.id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_plan_update AFTER UPDATE ON plans
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_plan_delete AFTER DELETE ON plans
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_insert AFTER INSERT ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_update AFTER UPDATE ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_delete AFTER DELETE ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_insert AFTER INSERT ON units
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_update AFTER UPDATE ON units
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_delete AFTER DELETE ON units
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_user_rename AFTER UPDATE OF username ON users
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_user_delete AFTER DELETE ON users
BEGIN INSERT INTO indicator_changes (indicator_id, seq) VALUES (0, (SELECT IFNULL(MAX(seq), 0) + 1 FROM indicator_changes))
  ON CONFLICT (indicator_id) DO UPDATE SET seq = excluded.seq; END;

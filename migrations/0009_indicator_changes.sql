-- SPEED (#13): a change stamp per indicator, kept by triggers, so that derived progress (the list, one indicator,
-- the plan summary) is recomputed after a write only for the indicators whose inputs changed. indicator_id 0 stands
-- for "every indicator" (plans, categories, unit names, user names: inputs shared by many). A stamp is random, not a
-- counter: a rolled-back write can never make a later stamp equal one already seen. Read by raw SQL in
-- indicators.repository.ts; deliberately not in schema.ts (no column of it is ever written by the code).
CREATE TABLE `indicator_changes` (
	`indicator_id` integer PRIMARY KEY NOT NULL,
	`stamp` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_insert AFTER INSERT ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_update AFTER UPDATE ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random()), (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_revision_delete AFTER DELETE ON observation_revisions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_insert AFTER INSERT ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_update AFTER UPDATE ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random()), (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_assessment_delete AFTER DELETE ON assessments
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_insert AFTER INSERT ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_update AFTER UPDATE ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random()), (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_annual_target_delete AFTER DELETE ON annual_targets
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_insert AFTER INSERT ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_update AFTER UPDATE ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.indicator_id, random()), (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_target_version_delete AFTER DELETE ON target_versions
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (OLD.indicator_id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_insert AFTER INSERT ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_update AFTER UPDATE ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (NEW.id, random()), (OLD.id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_indicator_delete AFTER DELETE ON indicators
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (OLD.id, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_plan_update AFTER UPDATE ON plans
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_plan_delete AFTER DELETE ON plans
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_insert AFTER INSERT ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_update AFTER UPDATE ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_category_delete AFTER DELETE ON categories
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_insert AFTER INSERT ON units
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_update AFTER UPDATE ON units
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_unit_delete AFTER DELETE ON units
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_user_rename AFTER UPDATE OF username ON users
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;
--> statement-breakpoint
CREATE TRIGGER indicator_changes_user_delete AFTER DELETE ON users
BEGIN INSERT INTO indicator_changes (indicator_id, stamp) VALUES (0, random())
  ON CONFLICT (indicator_id) DO UPDATE SET stamp = excluded.stamp; END;

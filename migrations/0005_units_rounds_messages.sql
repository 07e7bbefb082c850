CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_key` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_user_read` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`plan_id` text NOT NULL,
	`years` text NOT NULL,
	`indicator_codes` text NOT NULL,
	`due_date` text NOT NULL,
	`instructions` text,
	`state` text DEFAULT 'open' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`closed_by` integer,
	`closed_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rounds_plan` ON `rounds` (`plan_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'city_department' NOT NULL,
	`parent_code` text,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT 'admin' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status` integer,
	`last_error` text,
	`next_attempt_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_hook` ON `webhook_deliveries` (`webhook_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`unit_code` text,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The unit directory's defaults (seeds/src/units.ts): codes chosen by this project, marked seed_default.
INSERT INTO `units` (`code`, `name`, `kind`, `parent_code`, `active`, `position`, `source`) VALUES
  ('ndrc', '市发展改革委', 'city_department', NULL, 1, 10, 'seed_default'),
  ('stats', '市统计局', 'city_department', NULL, 1, 20, 'seed_default'),
  ('nbs_survey', '国家统计局赣州调查队', 'city_department', NULL, 1, 30, 'seed_default'),
  ('agri', '市农业农村局', 'city_department', NULL, 1, 40, 'seed_default'),
  ('natres', '市自然资源局', 'city_department', NULL, 1, 50, 'seed_default'),
  ('ecoenv', '市生态环境局', 'city_department', NULL, 1, 60, 'seed_default'),
  ('forestry', '市林业局', 'city_department', NULL, 1, 70, 'seed_default'),
  ('commerce', '市商务局', 'city_department', NULL, 1, 80, 'seed_default'),
  ('education', '市教育局', 'city_department', NULL, 1, 90, 'seed_default'),
  ('health', '市卫生健康委', 'city_department', NULL, 1, 100, 'seed_default'),
  ('hrss', '市人力资源社会保障局', 'city_department', NULL, 1, 110, 'seed_default'),
  ('civil_affairs', '市民政局', 'city_department', NULL, 1, 120, 'seed_default'),
  ('disabled', '市残联', 'city_department', NULL, 1, 130, 'seed_default'),
  ('publicity', '市委宣传部', 'city_department', NULL, 1, 140, 'seed_default');
--> statement-breakpoint
ALTER TABLE `indicators` ADD `lead_unit` text;
--> statement-breakpoint
ALTER TABLE `indicators` ADD `contributing_units` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
ALTER TABLE `indicators` ADD `assignment_source` text;
--> statement-breakpoint
ALTER TABLE `users` ADD `units` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
-- Existing free-text departments become unit codes. Indicators name several units joined by 、 (the first leads).
CREATE TEMP TABLE `_dept_parts` (`indicator_id` integer, `pos` integer, `name` text);
--> statement-breakpoint
INSERT INTO `_dept_parts`
WITH RECURSIVE parts(indicator_id, pos, part, rest) AS (
  SELECT id, -1, '', trim(department) || '、' FROM indicators WHERE department IS NOT NULL AND trim(department) <> ''
  UNION ALL
  SELECT indicator_id, pos + 1, trim(substr(rest, 1, instr(rest, '、') - 1)), substr(rest, instr(rest, '、') + 1)
  FROM parts WHERE rest <> ''
)
SELECT indicator_id, pos, part FROM parts WHERE pos >= 0 AND part <> '';
--> statement-breakpoint
-- A name the directory does not know yet (typed by hand, e.g. 统计局) is kept as a unit of its own, marked migrated.
INSERT INTO `units` (`code`, `name`, `kind`, `parent_code`, `active`, `position`, `source`)
SELECT 'migrated_' || row_number() OVER (ORDER BY name), name, 'city_department', NULL, 1, 1000 + row_number() OVER (ORDER BY name), 'migrated'
FROM (
  SELECT name FROM `_dept_parts`
  UNION
  SELECT trim(d.value) FROM users, json_each(users.departments) d WHERE json_valid(users.departments) AND trim(d.value) <> ''
) WHERE name NOT IN (SELECT name FROM units);
--> statement-breakpoint
UPDATE `indicators` SET
  `lead_unit` = (SELECT u.code FROM `_dept_parts` p JOIN units u ON u.name = p.name WHERE p.indicator_id = indicators.id AND p.pos = 0),
  `contributing_units` = coalesce((SELECT json_group_array(code) FROM (SELECT u.code FROM `_dept_parts` p JOIN units u ON u.name = p.name
     WHERE p.indicator_id = indicators.id AND p.pos > 0 ORDER BY p.pos)), '[]'),
  `assignment_source` = CASE WHEN plan_id = 'ganzhou-2021-2025' THEN 'seed_default' ELSE 'migrated' END
WHERE id IN (SELECT indicator_id FROM `_dept_parts`);
--> statement-breakpoint
UPDATE `users` SET `units` = coalesce((SELECT json_group_array(code) FROM (SELECT u.code FROM json_each(users.departments) d
  JOIN units u ON u.name = trim(d.value) GROUP BY u.code ORDER BY min(d.key))), '[]')
WHERE json_valid(users.departments);
--> statement-breakpoint
DROP TABLE `_dept_parts`;
--> statement-breakpoint
ALTER TABLE `indicators` DROP COLUMN `department`;
--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `departments`;

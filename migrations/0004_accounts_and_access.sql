CREATE TABLE `password_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_history_user` ON `password_history` (`user_id`);--> statement-breakpoint
CREATE TABLE `security_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`event` text NOT NULL,
	`username` text,
	`user_id` integer,
	`token_id` integer,
	`ip` text,
	`user_agent` text,
	`status` integer,
	`method` text,
	`path` text,
	`code` text
);
--> statement-breakpoint
CREATE INDEX `security_log_at` ON `security_log` (`at`);--> statement-breakpoint
CREATE INDEX `security_log_user` ON `security_log` (`username`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `revoked_reason` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `import_id` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `role` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `failed_logins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `failure_window_start` text;--> statement-breakpoint
ALTER TABLE `users` ADD `locked_until` text;
--> statement-breakpoint
-- SEC (#10): tokens issued before expiry existed expire 180 days after their creation.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`, '+180 days') WHERE `expires_at` IS NULL;
--> statement-breakpoint
-- A revision's review state only moves from pending to approved or returned, once.
CREATE TRIGGER revisions_review_state_transition
BEFORE UPDATE OF review_state ON observation_revisions
WHEN NOT (OLD.review_state = 'pending' AND NEW.review_state IN ('approved', 'returned'))
BEGIN SELECT RAISE(ABORT, 'illegal review-state transition'); END;
--> statement-breakpoint
CREATE TRIGGER security_log_no_update BEFORE UPDATE ON security_log
BEGIN SELECT RAISE(ABORT, 'security_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER security_log_no_delete BEFORE DELETE ON security_log
BEGIN SELECT RAISE(ABORT, 'security_log is append-only'); END;

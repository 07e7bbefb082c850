CREATE TABLE `key_project_boxes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`no` integer NOT NULL,
	`title` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_project_boxes_plan_no` ON `key_project_boxes` (`plan_id`,`no`);--> statement-breakpoint
CREATE TABLE `key_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`box_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`box_id`) REFERENCES `key_project_boxes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` text,
	`project_id` text,
	`title` text NOT NULL,
	`lead_unit` text,
	`contributing_units` text DEFAULT '[]' NOT NULL,
	`start_date` text NOT NULL,
	`due_date` text NOT NULL,
	`indicator_codes` text DEFAULT '[]' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `policy_measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `key_projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_tasks_measure` ON `ledger_tasks` (`measure_id`);--> statement-breakpoint
CREATE INDEX `ledger_tasks_lead` ON `ledger_tasks` (`lead_unit`);--> statement-breakpoint
CREATE TABLE `measure_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_measure_id` text NOT NULL,
	`to_measure_id` text NOT NULL,
	`evidence` text,
	`is_default` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`from_measure_id`) REFERENCES `policy_measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_measure_id`) REFERENCES `policy_measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_links_pair` ON `measure_links` (`from_measure_id`,`to_measure_id`);--> statement-breakpoint
CREATE TABLE `policy_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`title` text NOT NULL,
	`issuer` text NOT NULL,
	`document_no` text,
	`issued_on` text,
	`partial` integer DEFAULT false NOT NULL,
	`partial_note` text,
	`source_file` text,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policy_measures` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`section_id` integer NOT NULL,
	`no` integer NOT NULL,
	`label` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `policy_documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `policy_sections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_measures_doc` ON `policy_measures` (`document_id`);--> statement-breakpoint
CREATE TABLE `policy_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`no` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `policy_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_sections_doc_no` ON `policy_sections` (`document_id`,`no`);--> statement-breakpoint
CREATE TABLE `round_task_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`task_id` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `ledger_tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_task_requests_pair` ON `round_task_requests` (`round_id`,`task_id`);--> statement-breakpoint
CREATE INDEX `round_task_requests_task` ON `round_task_requests` (`task_id`);--> statement-breakpoint
CREATE TABLE `task_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`filename` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `task_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_evidence_report` ON `task_evidence` (`report_id`);--> statement-breakpoint
CREATE TABLE `task_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `ledger_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_milestones_task` ON `task_milestones` (`task_id`);--> statement-breakpoint
CREATE TABLE `task_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`period` text NOT NULL,
	`progress` text NOT NULL,
	`milestones_done` text DEFAULT '[]' NOT NULL,
	`percent` integer,
	`completed` integer DEFAULT false NOT NULL,
	`problems` text,
	`next_steps` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`submitted_by` integer,
	`submitted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`task_id`) REFERENCES `ledger_tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_reports_task` ON `task_reports` (`task_id`);--> statement-breakpoint
CREATE INDEX `task_reports_state` ON `task_reports` (`state`);
CREATE TABLE `daily_run_skips` (
	`id` text PRIMARY KEY NOT NULL,
	`run_on` text NOT NULL,
	`step` text NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`initiative_id` text,
	`error` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`run_on`) REFERENCES `daily_runs`(`run_on`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `daily_run_skips_record` ON `daily_run_skips` (`run_on`,`step`,`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `daily_runs` (
	`run_on` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`counts` text DEFAULT '{}' NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `last_attempt_on` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `bundle_id` text;--> statement-breakpoint
CREATE INDEX `outbox_bundle` ON `outbox` (`bundle_id`);
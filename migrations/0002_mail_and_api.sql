CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`partner_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_partner` ON `api_tokens` (`partner_id`);--> statement-breakpoint
CREATE TABLE `mail_events` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_event_id` text NOT NULL,
	`provider_message_id` text,
	`type` text NOT NULL,
	`recipient` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_events_provider_event` ON `mail_events` (`provider_event_id`);--> statement-breakpoint
CREATE INDEX `mail_events_message` ON `mail_events` (`provider_message_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `subject_type` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `subject_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `payload` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` text;--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_subject` ON `outbox` (`subject_type`,`subject_id`);--> statement-breakpoint
ALTER TABLE `people` ADD `digest` text;--> statement-breakpoint
ALTER TABLE `people` ADD `mail_opt_outs` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `email_status` text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `email_status_at` text;
-- Issue 18: a reserve and a handover note per (critical) involvement; calendar subscriptions (secret
-- addresses, stored hashed); messages from coordinators to their volunteers. CREATE TABLE and ADD COLUMN only.
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`initiative_id` text,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_on` text,
	`revoked_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_person` ON `calendar_feeds` (`person_id`,`initiative_id`);--> statement-breakpoint
CREATE TABLE `volunteer_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`activity_id` text,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`sent_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`recipients` integer NOT NULL,
	`skipped` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_messages_initiative` ON `volunteer_messages` (`initiative_id`,`sent_on`);--> statement-breakpoint
ALTER TABLE `involvements` ADD `reserve_person_id` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `involvements` ADD `handover_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `involvements_reserve` ON `involvements` (`reserve_person_id`);
-- The neighbourhood's offers (issue 18, item 2): kinds of help (kept by admins), offers confirmed
-- from the public page (each shares its id with its resident-gift asset), their kinds of help, and
-- asks to help an activity. New tables only; then the starter list of kinds of help (admins change
-- it at /admin/offer-tags).
CREATE TABLE `help_asks` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`person_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`activity_id` text NOT NULL,
	`role` text NOT NULL,
	`critical` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'asked' NOT NULL,
	`asked_by` text,
	`asked_at` text NOT NULL,
	`answered_at` text,
	`involvement_id` text,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`involvement_id`) REFERENCES `involvements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `help_asks_activity` ON `help_asks` (`activity_id`,`asked_at`);--> statement-breakpoint
CREATE INDEX `help_asks_person` ON `help_asks` (`person_id`);--> statement-breakpoint
CREATE INDEX `help_asks_offer` ON `help_asks` (`offer_id`);--> statement-breakpoint
CREATE TABLE `offer_tag_links` (
	`offer_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`offer_id`, `tag_id`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tag_id`) REFERENCES `offer_tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offer_tag_links_tag` ON `offer_tag_links` (`tag_id`);--> statement-breakpoint
CREATE TABLE `offer_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`role` text,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_tags_name` ON `offer_tags` (`name`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`person_id` text NOT NULL,
	`frequency` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`consent_on` text NOT NULL,
	`confirmed_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offers_neighbourhood` ON `offers` (`neighbourhood_id`,`status`);--> statement-breakpoint
CREATE INDEX `offers_person` ON `offers` (`person_id`);
--> statement-breakpoint
INSERT INTO `offer_tags` (`id`, `name`, `name_en`, `role`, `created_at`, `updated_at`) VALUES
  ('tag-koken', 'koken', 'cooking', 'cook', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-penningmeester', 'penningmeester', 'treasurer', 'treasurer', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-sleutelbeheer', 'sleutelbeheer', 'keeping keys', 'key_holder', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-taal', 'taal', 'language', NULL, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-klussen', 'klussen', 'odd jobs', NULL, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-tuin', 'tuin', 'gardening', NULL, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
  ('tag-vervoer', 'vervoer', 'transport', NULL, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');

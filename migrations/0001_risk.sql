CREATE TABLE `activity_risks` (
	`activity_id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`level` text NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`runway_months` integer,
	`level_since` text NOT NULL,
	`computed_on` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_risks_neighbourhood` ON `activity_risks` (`neighbourhood_id`,`level`);--> statement-breakpoint
CREATE INDEX `activity_risks_initiative` ON `activity_risks` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `risk_events` (
	`id` text PRIMARY KEY NOT NULL,
	`activity_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`on` text NOT NULL,
	`from_level` text,
	`to_level` text NOT NULL,
	`flags` text NOT NULL,
	`added` text DEFAULT '[]' NOT NULL,
	`resolved` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_events_initiative` ON `risk_events` (`initiative_id`,`on`);--> statement-breakpoint
CREATE INDEX `risk_events_activity` ON `risk_events` (`activity_id`,`on`);
CREATE TABLE `overview_rollup_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`current_year` integer NOT NULL,
	`derived_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `overview_volunteer_spread` (
	`person_id` text NOT NULL,
	`year` integer NOT NULL,
	`neighbourhood_id` text NOT NULL,
	PRIMARY KEY(`person_id`, `year`, `neighbourhood_id`)
);
--> statement-breakpoint
CREATE INDEX `overview_volunteer_spread_year` ON `overview_volunteer_spread` (`year`,`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `overview_year_money` (
	`neighbourhood_id` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`cents` integer NOT NULL,
	`streams` integer NOT NULL,
	PRIMARY KEY(`neighbourhood_id`, `year`, `kind`),
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `overview_years` (
	`neighbourhood_id` text NOT NULL,
	`year` integer NOT NULL,
	`initiatives_active` integer NOT NULL,
	`initiatives_started` integer NOT NULL,
	`initiatives_stopped` integer NOT NULL,
	`initiatives_handed_over` integer NOT NULL,
	`volunteers_active` integer NOT NULL,
	`volunteers_returning` integer NOT NULL,
	PRIMARY KEY(`neighbourhood_id`, `year`),
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);

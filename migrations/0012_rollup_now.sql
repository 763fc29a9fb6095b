DROP INDEX `overview_volunteer_spread_year`;--> statement-breakpoint
ALTER TABLE `overview_volunteer_spread` ADD `now` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `overview_volunteer_spread` ADD `returns_here` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `overview_volunteer_spread_neighbourhood` ON `overview_volunteer_spread` (`neighbourhood_id`,`year`,`now`,`returns_here`,`person_id`);--> statement-breakpoint
ALTER TABLE `overview_rollup_state` ADD `now_day` text;--> statement-breakpoint
ALTER TABLE `overview_years` ADD `volunteers_now` integer DEFAULT 0 NOT NULL;
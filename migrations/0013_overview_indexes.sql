DROP INDEX `activities_initiative`;--> statement-breakpoint
CREATE INDEX `activities_initiative` ON `activities` (`initiative_id`,`archived_at`,`id`,`facility_id`,`name`);--> statement-breakpoint
DROP INDEX `assets_neighbourhood`;--> statement-breakpoint
CREATE INDEX `assets_neighbourhood` ON `assets` (`neighbourhood_id`,`category`,`archived_at`,`id`);--> statement-breakpoint
DROP INDEX `funding_activities_activity`;--> statement-breakpoint
CREATE INDEX `funding_activities_activity` ON `funding_activities` (`activity_id`,`funding_id`);--> statement-breakpoint
CREATE INDEX `activity_risks_level` ON `activity_risks` (`activity_id`,`level`,`runway_months`,`level_since`);--> statement-breakpoint
CREATE INDEX `funding_streams_ended` ON `funding_streams` (`id`,`status`,`archived_at`,`ends_on`);
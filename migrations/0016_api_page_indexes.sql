CREATE INDEX `activities_created` ON `activities` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_created` ON `assets` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `checkins_created` ON `checkins` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `commitments_created` ON `commitments` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `documents_created` ON `documents` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `facilities_created` ON `facilities` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `funding_streams_created` ON `funding_streams` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `initiatives_created` ON `initiatives` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `involvements_created` ON `involvements` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `neighbourhoods_created` ON `neighbourhoods` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `offer_tags_created` ON `offer_tags` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `offers_created` ON `offers` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `partner_orgs_created` ON `partner_orgs` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `people_created` ON `people` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_created` ON `tasks` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `volunteer_messages_created` ON `volunteer_messages` (`created_at`,`id`);
ALTER TABLE `funding_streams` ADD `replaces_funding_id` text REFERENCES funding_streams(id);--> statement-breakpoint
CREATE INDEX `funding_replaces` ON `funding_streams` (`replaces_funding_id`);
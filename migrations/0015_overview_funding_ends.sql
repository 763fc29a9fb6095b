DROP INDEX `funding_ends`;--> statement-breakpoint
CREATE INDEX `funding_ends` ON `funding_streams` (`ends_on`,`status`,`archived_at`,`id`);
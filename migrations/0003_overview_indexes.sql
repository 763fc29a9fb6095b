DROP INDEX `involvements_person`;--> statement-breakpoint
CREATE INDEX `involvements_person_span` ON `involvements` (`person_id`,`initiative_id`,`since`,`until`);
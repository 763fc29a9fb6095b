-- The initiatives' binder: one row per document (what it is, where it hangs, who it is about); the bytes live in R2.
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`initiative_id` text,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`about_person_id` text,
	`storage_key` text NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`about_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_initiative` ON `documents` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `documents_neighbourhood` ON `documents` (`neighbourhood_id`);--> statement-breakpoint
CREATE INDEX `documents_subject` ON `documents` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `documents_about_person` ON `documents` (`about_person_id`);
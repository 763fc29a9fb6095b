CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`name` text NOT NULL,
	`rhythm` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`facility_id` text,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_initiative` ON `activities` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `asset_initiatives` (
	`asset_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	PRIMARY KEY(`asset_id`, `initiative_id`),
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`contact_name` text,
	`contact_info` text,
	`contact_consent_on` text,
	`last_confirmed_on` text NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assets_neighbourhood` ON `assets` (`neighbourhood_id`,`category`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`initiative_id` text,
	`neighbourhood_id` text,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`changes` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_initiative` ON `audit_log` (`initiative_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `checkin_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`checkin_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`volunteers` integer DEFAULT 0 NOT NULL,
	`people_reached` integer DEFAULT 0 NOT NULL,
	`went_well` text DEFAULT '' NOT NULL,
	`residents_offer` text DEFAULT '' NOT NULL,
	`needed_from_partners` text DEFAULT '' NOT NULL,
	`next_year` text DEFAULT '' NOT NULL,
	`story` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_initiative_year` ON `checkins` (`initiative_id`,`year`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`activity_id` text,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`renewal_state` text DEFAULT 'none' NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commitments_initiative` ON `commitments` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` text PRIMARY KEY NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT '' NOT NULL,
	`owner_partner_id` text,
	`agreement` text DEFAULT '' NOT NULL,
	`agreement_ends_on` text,
	`renewal_state` text DEFAULT 'none' NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `facilities_neighbourhood` ON `facilities` (`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `funding_activities` (
	`funding_id` text NOT NULL,
	`activity_id` text NOT NULL,
	PRIMARY KEY(`funding_id`, `activity_id`),
	FOREIGN KEY (`funding_id`) REFERENCES `funding_streams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_activities_activity` ON `funding_activities` (`activity_id`);--> statement-breakpoint
CREATE TABLE `funding_streams` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`source_partner_id` text,
	`source_name` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents_per_year` integer DEFAULT 0 NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`status` text DEFAULT 'granted' NOT NULL,
	`renewal_state` text DEFAULT 'none' NOT NULL,
	`report_due_on` text,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_initiative` ON `funding_streams` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `funding_ends` ON `funding_streams` (`ends_on`);--> statement-breakpoint
CREATE TABLE `initiative_coordinators` (
	`initiative_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`initiative_id`, `person_id`),
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coordinators_person` ON `initiative_coordinators` (`person_id`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` text PRIMARY KEY NOT NULL,
	`neighbourhood_id` text NOT NULL,
	`name` text NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`started_year` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_since` text,
	`continuation_plan` text DEFAULT 'none' NOT NULL,
	`continuation_note` text DEFAULT '' NOT NULL,
	`planned_end_on` text,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiatives_neighbourhood` ON `initiatives` (`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `involvements` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`initiative_id` text NOT NULL,
	`activity_id` text,
	`role` text DEFAULT 'volunteer' NOT NULL,
	`critical` integer DEFAULT false NOT NULL,
	`since` text NOT NULL,
	`until` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `involvements_initiative` ON `involvements` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `involvements_person` ON `involvements` (`person_id`);--> statement-breakpoint
CREATE TABLE `login_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` text NOT NULL,
	`purpose` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `login_tokens_token_hash_unique` ON `login_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `login_tokens_person` ON `login_tokens` (`person_id`);--> statement-breakpoint
CREATE TABLE `neighbourhoods` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`municipality` text NOT NULL,
	`slug` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `neighbourhoods_slug_unique` ON `neighbourhoods` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`message_key` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text,
	`recipient` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text,
	`body_html` text,
	`status` text NOT NULL,
	`provider_id` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_key` ON `outbox` (`message_key`);--> statement-breakpoint
CREATE INDEX `outbox_created` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `partner_members` (
	`partner_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`partner_id`, `person_id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_members_person` ON `partner_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `partner_neighbourhoods` (
	`partner_id` text NOT NULL,
	`neighbourhood_id` text NOT NULL,
	PRIMARY KEY(`partner_id`, `neighbourhood_id`),
	FOREIGN KEY (`partner_id`) REFERENCES `partner_orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `partner_orgs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`locale` text DEFAULT 'nl' NOT NULL,
	`is_admin` integer DEFAULT false NOT NULL,
	`neighbourhood_id` text,
	`erased_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_unique` ON `people` (`email`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_person` ON `sessions` (`person_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `stale_guard` (
	`stale` integer,
	CONSTRAINT "stale_guard_never" CHECK("stale_guard"."stale" = 0)
);
--> statement-breakpoint
CREATE TABLE `task_assignees` (
	`task_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`task_id`, `person_id`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurrence_due_on` text NOT NULL,
	`on` text NOT NULL,
	`snoozed_until` text,
	`note` text DEFAULT '' NOT NULL,
	`by_person_id` text,
	`via` text DEFAULT 'web' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_events_task` ON `task_events` (`task_id`,`occurrence_due_on`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` text NOT NULL,
	`subject_type` text DEFAULT 'initiative' NOT NULL,
	`subject_id` text NOT NULL,
	`title` text NOT NULL,
	`why` text DEFAULT '' NOT NULL,
	`template_key` text,
	`schedule_kind` text NOT NULL,
	`due_on` text,
	`interval_count` integer,
	`interval_unit` text,
	`interval_from` text,
	`window_start_month` integer,
	`window_end_month` integer,
	`relative_anchor` text,
	`relative_offset_days` integer,
	`lead_days` integer DEFAULT 14 NOT NULL,
	`grace_days` integer DEFAULT 7 NOT NULL,
	`ends_on` text,
	`assignee_roles` text DEFAULT '[]' NOT NULL,
	`archived_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_initiative` ON `tasks` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `tasks_subject` ON `tasks` (`subject_type`,`subject_id`);
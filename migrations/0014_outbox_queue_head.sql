DROP INDEX `outbox_ready`;--> statement-breakpoint
CREATE INDEX `outbox_recipient` ON `outbox` (`recipient`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_ready` ON `outbox` (`status`,(CASE WHEN "next_attempt_at" IS NULL THEN "created_at" ELSE "next_attempt_at" END),`recipient`,`kind`);
CREATE INDEX `asset_initiatives_initiative` ON `asset_initiatives` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `checkin_notes_checkin` ON `checkin_notes` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `outbox_ready` ON `outbox` (`status`,(CASE WHEN "next_attempt_at" IS NULL THEN "created_at" ELSE "next_attempt_at" END));--> statement-breakpoint
CREATE INDEX `partner_neighbourhoods_neighbourhood` ON `partner_neighbourhoods` (`neighbourhood_id`);
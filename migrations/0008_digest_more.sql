ALTER TABLE `deliveries` ADD `more` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `last_body_id` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `expanded` text DEFAULT '[]' NOT NULL;
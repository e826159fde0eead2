ALTER TABLE `message_bodies` ADD `more` text;--> statement-breakpoint
ALTER TABLE `deliveries` DROP COLUMN `more`;
DROP INDEX `topics_name_unique`;--> statement-breakpoint
ALTER TABLE `topics` ADD `owner_chat_id` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `rule` text;--> statement-breakpoint
CREATE UNIQUE INDEX `topics_catalog_name` ON `topics` (`name`) WHERE "topics"."owner_chat_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `topics_owner_name` ON `topics` (`owner_chat_id`,`name`) WHERE "topics"."owner_chat_id" IS NOT NULL;
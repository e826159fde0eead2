-- Message texts move out of the outbox into message_bodies (one row per distinct text), and deliveries become one row
-- per digest. Existing rows are carried over.
CREATE TABLE `message_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` text NOT NULL,
	`text` text NOT NULL,
	`reply_markup` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
-- Existing texts keep their outbox id as body id; their hash is a placeholder that no new text can produce.
INSERT INTO `message_bodies`("id", "hash", "text", "reply_markup", "created_at") SELECT "id", 'outbox:' || "id", "text", "reply_markup", "created_at" FROM `outbox`;--> statement-breakpoint
CREATE UNIQUE INDEX `message_bodies_hash` ON `message_bodies` (`hash`);--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`body_id`) REFERENCES `message_bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "chat_id", "body_id", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at") SELECT "id", "chat_id", "id", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`);--> statement-breakpoint
CREATE INDEX `outbox_body` ON `outbox` (`body_id`);--> statement-breakpoint
CREATE TABLE `__new_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`delivered_at` integer NOT NULL,
	`article_ids` text NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `subscribers`(`chat_id`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
-- The article rows of one chat delivered at the same time were one digest.
INSERT INTO `__new_deliveries`("chat_id", "delivered_at", "article_ids") SELECT "chat_id", "delivered_at", json_group_array("article_id") FROM `deliveries` GROUP BY "chat_id", "delivered_at";--> statement-breakpoint
DROP TABLE `deliveries`;--> statement-breakpoint
ALTER TABLE `__new_deliveries` RENAME TO `deliveries`;--> statement-breakpoint
CREATE INDEX `deliveries_chat` ON `deliveries` (`chat_id`,`delivered_at`);

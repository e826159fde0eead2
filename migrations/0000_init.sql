CREATE TABLE `article_sources` (
	`article_id` integer NOT NULL,
	`feed_id` integer NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `feed_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_sources_feed` ON `article_sources` (`feed_id`,`seen_at`);--> statement-breakpoint
CREATE TABLE `article_topics` (
	`article_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`article_id`, `topic_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_topics_topic` ON `article_topics` (`topic_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY NOT NULL,
	`feed_id` integer NOT NULL,
	`canonical_key` text,
	`title` text NOT NULL,
	`link` text,
	`summary` text DEFAULT '' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`published_at` integer NOT NULL,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_canonical_key` ON `articles` (`canonical_key`);--> statement-breakpoint
CREATE INDEX `articles_fetched_at` ON `articles` (`fetched_at`);--> statement-breakpoint
CREATE INDEX `articles_published_at` ON `articles` (`published_at`);--> statement-breakpoint
CREATE TABLE `conversation_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`chat_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`delivered_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `article_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `subscribers`(`chat_id`) ON UPDATE cascade ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text,
	`topics` text DEFAULT '[]' NOT NULL,
	`in_catalog` integer DEFAULT true NOT NULL,
	`fetch_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`disabled_reason` text,
	`etag` text,
	`last_modified` text,
	`next_check_at` integer DEFAULT 0 NOT NULL,
	`last_polled_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`error_streak` integer DEFAULT 0 NOT NULL,
	`failing_since` integer,
	`poll_count` integer DEFAULT 0 NOT NULL,
	`not_modified_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_unique` ON `feeds` (`url`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`text` text NOT NULL,
	`reply_markup` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `seen_items` (
	`feed_id` integer NOT NULL,
	`identity` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`feed_id`, `identity`),
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `subscribers` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`first_name` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`digest_times` text DEFAULT '["08:00"]' NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_digest_at` integer,
	`next_digest_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subscribers_due` ON `subscribers` (`next_digest_at`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`chat_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `topic_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `subscribers`(`chat_id`) ON UPDATE cascade ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_name_unique` ON `topics` (`name`);
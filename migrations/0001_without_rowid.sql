-- Tables keyed by a composite primary key, written once per stored item: WITHOUT ROWID keeps each in one b-tree.
CREATE TABLE `seen_items_new` (
	`feed_id` integer NOT NULL,
	`identity` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`feed_id`, `identity`),
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `seen_items_new` SELECT `feed_id`, `identity`, `seen_at` FROM `seen_items`;--> statement-breakpoint
DROP TABLE `seen_items`;--> statement-breakpoint
ALTER TABLE `seen_items_new` RENAME TO `seen_items`;--> statement-breakpoint
CREATE TABLE `article_topics_new` (
	`article_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`article_id`, `topic_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `article_topics_new` SELECT `article_id`, `topic_id` FROM `article_topics`;--> statement-breakpoint
DROP TABLE `article_topics`;--> statement-breakpoint
ALTER TABLE `article_topics_new` RENAME TO `article_topics`;--> statement-breakpoint
CREATE INDEX `article_topics_topic` ON `article_topics` (`topic_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `article_sources_new` (
	`article_id` integer NOT NULL,
	`feed_id` integer NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `feed_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `article_sources_new` SELECT `article_id`, `feed_id`, `seen_at` FROM `article_sources`;--> statement-breakpoint
DROP TABLE `article_sources`;--> statement-breakpoint
ALTER TABLE `article_sources_new` RENAME TO `article_sources`;--> statement-breakpoint
CREATE INDEX `article_sources_feed` ON `article_sources` (`feed_id`,`seen_at`);

-- The search index holds each article's words folded as the topic matcher folds them (ftsDocument in
-- src/topics/rule.ts), so that it finds every article a rule matches and can give a new topic's back-fill its
-- candidates. The index is made again, empty: the indexer fills it from the oldest article after the first poll.
DROP TABLE `articles_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(title, summary, categories, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

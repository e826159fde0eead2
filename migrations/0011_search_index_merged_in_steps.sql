-- FTS5 merges the index's segments inside the write that adds one (automerge): with a month of articles, about one
-- step of 50 articles in 17 took 20-90 ms so, holding the event loop. The indexer merges them itself instead, a few pages
-- at a time between steps ('merge' commands in src/db/search-index.ts). A level of segments is merged in one go
-- inside a write only once it holds 100 (crisismerge, 16 by default: 250 ms for one step beside a month of articles);
-- the indexer's merges keep each level far below that.
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('automerge', 0);--> statement-breakpoint
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('crisismerge', 100);

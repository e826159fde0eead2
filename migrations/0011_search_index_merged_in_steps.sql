-- FTS5 merges the index's segments inside the write that adds one (automerge): with a month of articles, one step of
-- 50 articles in 16 took 20-90 ms so, holding the event loop. The indexer merges them itself instead, a few pages
-- at a time between steps ('merge' commands in src/db/search-index.ts).
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('automerge', 0);

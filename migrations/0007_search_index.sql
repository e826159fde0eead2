-- The full-text index /search reads: each article's title, summary and categories, folded by unicode61 with
-- remove_diacritics 2. Contentless, as the text stays in `articles`; contentless_delete lets pruning remove rows.
-- It is filled off the store path (src/db/search-index.ts), so storing an article costs no indexing.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(title, summary, categories, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

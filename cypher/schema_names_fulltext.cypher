// schema_names_fulltext: full-text search over names, aliases and pinyin keys of firms and
// products. The cjk analyzer indexes character bigrams, so one-character queries need the
// fallback in search_*.cypher.
// params: none
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Enterprise|Product) ON EACH [n.name, n.short_name, n.name_en, n.aliases, n.pinyin, n.initials]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}

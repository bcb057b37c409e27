-- Full-text search of a room's shared notes and replies (issue 9): their comments, tags and quoted passages.
--
-- The index is kept by triggers on `annotations`, not by explicit writes in db/queries/room-store.ts: every statement
-- that writes an annotation row (the room's store, the purge of a deleted document by cascade, a repair, this
-- migration's backfill, test fixtures) then updates the index in the same statement, so in the same transaction
-- as the update log and the rows, and no future writer can forget it. The triggers read the row's `json` (the
-- exact annotation the room holds, bodies included) rather than `annotation_bodies`, which the store rewrites
-- after the annotation row: one index write per annotation written, whatever its number of bodies.
--
-- Private notes never reach these rows (their log is apart), so never the index. Reactions (W3C `assessing`
-- annotations on a note) are not indexed: their one body is a fixed word, not text a reader wrote.
--
-- `note_search_rows` gives each indexed annotation the rowid of its index row. An INTEGER PRIMARY KEY, unlike the
-- implicit rowid of `annotations`, is kept by VACUUM, so the index can never point at another note.
CREATE TABLE `note_search_rows` (
	`id` integer PRIMARY KEY,
	`document_id` text NOT NULL,
	`annotation_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `note_search_rows_key` ON `note_search_rows` (`document_id`, `annotation_id`);
--> statement-breakpoint
-- unicode61 with remove_diacritics 2 folds case and accents ("Cafe" finds "café"). No prefix indexes: on 10,000 War
-- and Peace notes they made storing notes a quarter slower and prefix queries no faster (bench/search.ts).
CREATE VIRTUAL TABLE `note_search` USING fts5(
	`comment`, `tags`, `quote`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- What is indexed for each annotation (lib/annotations/note-search.ts `searchableTexts` is the same in the browser):
-- the comment and reply bodies joined by newlines, the tag names joined by newlines, and the quoted passage.
CREATE VIEW `note_search_source` AS
SELECT
	a.`document_id` AS `document_id`,
	a.`id` AS `annotation_id`,
	coalesce((
		SELECT group_concat(json_extract(b.value, '$.value'), char(10) ORDER BY b.key)
		FROM json_each(a.`json`, '$.body') AS b
		WHERE json_extract(b.value, '$.purpose') IN ('commenting', 'replying')
	), '') AS `comment`,
	coalesce((
		SELECT group_concat(json_extract(b.value, '$.value'), char(10) ORDER BY b.key)
		FROM json_each(a.`json`, '$.body') AS b
		WHERE json_extract(b.value, '$.purpose') = 'tagging'
	), '') AS `tags`,
	coalesce(a.`exact`, '') AS `quote`
FROM `annotations` AS a
WHERE NOT (a.`parent_id` IS NOT NULL AND a.`motivation` = 'assessing');
--> statement-breakpoint
CREATE TRIGGER `note_search_after_insert` AFTER INSERT ON `annotations`
WHEN NOT (new.`parent_id` IS NOT NULL AND new.`motivation` = 'assessing')
BEGIN
	INSERT INTO `note_search_rows` (`document_id`, `annotation_id`) VALUES (new.`document_id`, new.`id`);
	INSERT INTO `note_search` (rowid, `comment`, `tags`, `quote`)
	SELECT k.`id`, s.`comment`, s.`tags`, s.`quote`
	FROM `note_search_source` AS s
	JOIN `note_search_rows` AS k ON k.`document_id` = s.`document_id` AND k.`annotation_id` = s.`annotation_id`
	WHERE s.`document_id` = new.`document_id` AND s.`annotation_id` = new.`id`;
END;
--> statement-breakpoint
-- An upsert of a stored note (an edit, a moderation mark, a theme merge) is an UPDATE: the index row is replaced
-- (the `json` column holds every indexed text, so an upsert that leaves it as it was leaves the index too).
CREATE TRIGGER `note_search_after_update` AFTER UPDATE ON `annotations`
WHEN old.`json` IS NOT new.`json` OR old.`document_id` IS NOT new.`document_id` OR old.`id` IS NOT new.`id`
BEGIN
	DELETE FROM `note_search` WHERE rowid = (
		SELECT `id` FROM `note_search_rows` WHERE `document_id` = old.`document_id` AND `annotation_id` = old.`id`
	);
	INSERT INTO `note_search` (rowid, `comment`, `tags`, `quote`)
	SELECT k.`id`, s.`comment`, s.`tags`, s.`quote`
	FROM `note_search_source` AS s
	JOIN `note_search_rows` AS k ON k.`document_id` = s.`document_id` AND k.`annotation_id` = s.`annotation_id`
	WHERE s.`document_id` = new.`document_id` AND s.`annotation_id` = new.`id`;
END;
--> statement-breakpoint
-- A deleted note, and every note of a purged document (the cascade fires this trigger for each), leaves the index.
CREATE TRIGGER `note_search_after_delete` AFTER DELETE ON `annotations`
BEGIN
	DELETE FROM `note_search` WHERE rowid = (
		SELECT `id` FROM `note_search_rows` WHERE `document_id` = old.`document_id` AND `annotation_id` = old.`id`
	);
	DELETE FROM `note_search_rows` WHERE `document_id` = old.`document_id` AND `annotation_id` = old.`id`;
END;
--> statement-breakpoint
-- Backfill: every annotation stored before this migration.
INSERT INTO `note_search_rows` (`document_id`, `annotation_id`)
SELECT `document_id`, `annotation_id` FROM `note_search_source` ORDER BY `document_id`, `annotation_id`;
--> statement-breakpoint
INSERT INTO `note_search` (rowid, `comment`, `tags`, `quote`)
SELECT k.`id`, s.`comment`, s.`tags`, s.`quote`
FROM `note_search_source` AS s
JOIN `note_search_rows` AS k ON k.`document_id` = s.`document_id` AND k.`annotation_id` = s.`annotation_id`;

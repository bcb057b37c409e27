-- Documents get typed blocks and an outline. The text and the paragraph spans are left alone, so no annotation
-- offset moves: every stored paragraph becomes a paragraph block over the same span, and no document has chapters.
ALTER TABLE `documents` ADD `blocks` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `chapters` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `documents` SET `blocks` = (
	SELECT coalesce(json_group_array(json_array(json_extract(p.value, '$[0]'), json_extract(p.value, '$[1]'), 'p') ORDER BY p.key), '[]')
	FROM json_each(`documents`.`paragraphs`) p
);

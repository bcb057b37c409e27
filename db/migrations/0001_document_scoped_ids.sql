-- Annotation ids are scoped by document: annotations get the primary key (document_id, id) and annotation_bodies
-- reference (document_id, annotation_id). SQLite cannot change a primary key, so both tables are rebuilt and their
-- rows copied (ids were globally unique before, so every row keeps its place). db/migrate.ts runs migrations with
-- foreign keys off (PRAGMA foreign_keys is a no-op inside the migrator's transaction) and checks them afterwards.
CREATE TABLE `room_client_owners` (
	`document_id` text NOT NULL,
	`client_id` integer NOT NULL,
	`owner` text NOT NULL,
	PRIMARY KEY(`document_id`, `client_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `__new_annotations` (
	`id` text NOT NULL,
	`document_id` text NOT NULL,
	`motivation` text NOT NULL,
	`creator_id` text NOT NULL,
	`creator_name` text NOT NULL,
	`created` text NOT NULL,
	`modified` text,
	`parent_id` text,
	`exact` text,
	`prefix` text,
	`suffix` text,
	`start` integer,
	`end` integer,
	`json` text NOT NULL,
	PRIMARY KEY(`document_id`, `id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_annotations`("id", "document_id", "motivation", "creator_id", "creator_name", "created", "modified", "parent_id", "exact", "prefix", "suffix", "start", "end", "json") SELECT "id", "document_id", "motivation", "creator_id", "creator_name", "created", "modified", "parent_id", "exact", "prefix", "suffix", "start", "end", "json" FROM `annotations`;--> statement-breakpoint
CREATE TABLE `__new_annotation_bodies` (
	`document_id` text NOT NULL,
	`annotation_id` text NOT NULL,
	`position` integer NOT NULL,
	`purpose` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`document_id`, `annotation_id`, `position`),
	FOREIGN KEY (`document_id`,`annotation_id`) REFERENCES `annotations`(`document_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- A body takes the document of its annotation (bodies without an annotation could not exist under the old foreign key).
INSERT INTO `__new_annotation_bodies`("document_id", "annotation_id", "position", "purpose", "value") SELECT a."document_id", b."annotation_id", b."position", b."purpose", b."value" FROM `annotation_bodies` b JOIN `annotations` a ON a."id" = b."annotation_id";--> statement-breakpoint
DROP TABLE `annotation_bodies`;--> statement-breakpoint
DROP TABLE `annotations`;--> statement-breakpoint
ALTER TABLE `__new_annotations` RENAME TO `annotations`;--> statement-breakpoint
ALTER TABLE `__new_annotation_bodies` RENAME TO `annotation_bodies`;--> statement-breakpoint
CREATE INDEX `annotations_document_idx` ON `annotations` (`document_id`,`start`);--> statement-breakpoint
CREATE INDEX `annotations_parent_idx` ON `annotations` (`document_id`,`parent_id`);--> statement-breakpoint
CREATE INDEX `annotation_bodies_value_idx` ON `annotation_bodies` (`purpose`,`value`);

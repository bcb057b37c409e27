CREATE TABLE `annotation_bodies` (
	`annotation_id` text NOT NULL,
	`position` integer NOT NULL,
	`purpose` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`annotation_id`, `position`),
	FOREIGN KEY (`annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `annotation_bodies_value_idx` ON `annotation_bodies` (`purpose`,`value`);--> statement-breakpoint
CREATE TABLE `annotations` (
	`id` text PRIMARY KEY NOT NULL,
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
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `annotations_document_idx` ON `annotations` (`document_id`,`start`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`metadata` text NOT NULL,
	`text` text NOT NULL,
	`paragraphs` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`document_id` text NOT NULL,
	`name` text NOT NULL,
	`label` text NOT NULL,
	`color` text NOT NULL,
	`description` text,
	PRIMARY KEY(`document_id`, `name`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `yjs_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `yjs_updates_document_idx` ON `yjs_updates` (`document_id`,`id`);
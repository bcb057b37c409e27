CREATE TABLE `import_orphans` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`user_id` text NOT NULL,
	`source_index` integer NOT NULL,
	`quote` text NOT NULL,
	`prefix` text,
	`suffix` text,
	`comment` text NOT NULL,
	`tags` text NOT NULL,
	`author` text,
	`reason` text NOT NULL,
	`score` real,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_orphans_owner_idx` ON `import_orphans` (`document_id`,`user_id`);
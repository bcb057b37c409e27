-- The library's lifecycle: `text_hash` (SHA-256 of the canonical text) spots a text imported twice; old rows are
-- hashed by the first import after this migration (SQLite has no SHA-256 here). `deleted_at` marks a document
-- deleted but restorable: hidden from the library, pages, API and rooms until restored or purged.
ALTER TABLE `documents` ADD `text_hash` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `documents_text_hash_idx` ON `documents` (`text_hash`);
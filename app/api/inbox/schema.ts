/** The zod schemas of the inbox routes (`/api/inbox`, `/api/inbox/read`). */
import { z } from 'zod';
import { annotationIdSchema } from '../../../lib/annotations/schema.ts';
import { documentIdPattern, inboxLimits } from '../../../lib/limits.ts';

/** `GET /api/inbox?offset=&limit=`. */
export const inboxQuerySchema = z
  .object({
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(inboxLimits.window * 2)
      .default(0),
    limit: z.coerce.number().int().min(1).max(inboxLimits.pageSize).default(50),
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** One inbox item, named by its document and annotation. */
export const inboxItemKeySchema = z.object({ documentId: z.string().regex(documentIdPattern), annotationId: annotationIdSchema }).strict();

/** `POST /api/inbox/read`: some items, or every item of the inbox. */
export const markReadSchema = z.union([
  z.object({ items: z.array(inboxItemKeySchema).min(1).max(inboxLimits.markItems) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkRead = z.infer<typeof markReadSchema>;

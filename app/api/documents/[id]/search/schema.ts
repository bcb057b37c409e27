/** The zod schema of `GET /api/documents/<id>/search`'s query string, with its inferred type. */
import { z } from 'zod';
import { type SearchWord, searchWords } from '../../../../../lib/annotations/note-search.ts';
import { searchLimits } from '../../../../../lib/limits.ts';

/**
 * `?q=…&limit=…`: `q` is what the reader typed (at most {@link searchLimits.queryLength} characters), read into words
 * here — at least one word with a letter or digit, at most {@link searchLimits.wordsPerQuery}; `limit` is how many
 * results to return (1 to {@link searchLimits.maxResults}, {@link searchLimits.defaultResults} when not given).
 * `snippets=0` leaves the snippets out (for a client that needs only ids). Other parameters are ignored (a client may add one to defeat a cache).
 */
export const searchQuerySchema = z
  .object({
    q: z
      .string({ error: 'give q, the words to search for' })
      .max(searchLimits.queryLength, `q is at most ${searchLimits.queryLength} characters`)
      .transform((q) => q.trim()),
    limit: z.coerce
      .number({ error: 'limit is a whole number' })
      .int('limit is a whole number')
      .min(1, 'limit is at least 1')
      .max(searchLimits.maxResults, `limit is at most ${searchLimits.maxResults}`)
      .default(searchLimits.defaultResults),
    snippets: z.enum(['0', '1'], { error: 'snippets is 0 or 1' }).default('1'),
  })
  .transform((query, ctx): { q: string; limit: number; snippets: boolean; words: SearchWord[] } => {
    const words = searchWords(query.q);
    if (words.length === 0) ctx.addIssue({ code: 'custom', message: 'q has no word to search for (letters or digits)' });
    else if (words.length > searchLimits.wordsPerQuery)
      ctx.addIssue({ code: 'custom', message: `q has more than ${searchLimits.wordsPerQuery} words` });
    return { ...query, snippets: query.snippets === '1', words };
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The body of `POST /api/tokens`. */
import { z } from 'zod';
import { accountLimits } from '../../../lib/limits.ts';

export const newTokenSchema = z.object({ label: z.string().trim().min(1).max(accountLimits.tokenLabelLength).optional() }).strict();

/**
 * The texts in `../shared/texts` beside the repository (the large-text case), found from this file rather than an
 * absolute path, so a clone anywhere (CI's clean clone is not at /work) reads them.
 */
import { fileURLToPath } from 'node:url';

/** The path of War and Peace (3.3 MB). */
export const warAndPeacePath = fileURLToPath(new URL('../../../shared/texts/war-and-peace.txt', import.meta.url));

/** Re-export of the note limits, which live with all other limits in `lib/limits.ts`. */
export { annotationLimits } from '../limits.ts';

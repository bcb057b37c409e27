/**
 * The one width below which the reader is laid out for phones and small windows: the text takes the whole width
 * and notes open in a bottom sheet instead of the margin. The CSS uses the same number (`@media (max-width: 720px)`
 * in app/globals.css, checked by tests/unit/layout-breakpoint.test.ts).
 */
export const smallScreenMaxWidth = 720;

/** The media query of a small screen, for `matchMedia`. */
export const smallScreenQuery = `(max-width: ${smallScreenMaxWidth}px)`;

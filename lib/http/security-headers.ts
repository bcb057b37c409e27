/**
 * Security headers of every response, and the Content Security Policy of pages. Scripts run only with the
 * per-request nonce (Next puts it on its own scripts; 'strict-dynamic' lets those load the page's chunks), so an
 * injected `<script>` or inline handler never runs. Styles allow inline style attributes: ProseMirror draws
 * highlights and section heights with them, and they cannot run code. Nothing may frame Glossa.
 */

/** Headers for every response, pages and API alike. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** The CSP of a page rendered with `nonce`; development adds 'unsafe-eval' (React's dev build needs it). */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers the page's own ws:/wss: origin for the live rooms.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

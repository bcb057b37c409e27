/**
 * Whether a request's `Origin` is the host it was sent to. No `Origin` at all is not a browser's cross-site request
 * (scripts, curl) and counts as same-origin; a malformed one, or no host to compare with, does not. One rule for
 * the HTTP routes' CSRF guard and the live rooms' cookie check.
 */
export function originMatchesHost(origin: string | null | undefined, host: string | null | undefined): boolean {
  if (origin === null || origin === undefined || origin === '') return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

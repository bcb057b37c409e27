/**
 * The origin a request was really made to, for IRIs and links that leave the server (exports): Next's
 * `request.url` in the custom server names its own listening address (`localhost:3000`), not the one the reader
 * used. `GLOSSA_PUBLIC_URL` wins when set (Glossa behind https); otherwise the `Host` header, if it is a plain host
 * name or address with an optional port (anything else falls back to `request.url`'s origin).
 */
const hostPattern = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `scheme://host[:port]` of `request` as its caller addressed it. */
export function requestOrigin(request: Request): string {
  const configured = process.env.GLOSSA_PUBLIC_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting is the server's mistake; the request's own host is still right.
    }
  }
  const host = request.headers.get('host');
  if (host && hostPattern.test(host)) return `${new URL(request.url).protocol}//${host}`;
  return new URL(request.url).origin;
}

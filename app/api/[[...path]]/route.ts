/**
 * Every `/api/` path that no route serves: 404 `{ error }` for every method, so API clients never get the HTML
 * not-found page. More specific routes always win over this optional catch-all.
 */
import { jsonError } from '../http-errors.ts';

export const dynamic = 'force-dynamic';

function unknownRoute(request: Request): Response {
  return jsonError(404, `no API route: ${request.method} ${new URL(request.url).pathname.slice(0, 200)}`);
}

export {
  unknownRoute as GET,
  unknownRoute as POST,
  unknownRoute as PUT,
  unknownRoute as PATCH,
  unknownRoute as DELETE,
  unknownRoute as OPTIONS,
};

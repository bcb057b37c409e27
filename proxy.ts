/**
 * Next's proxy (run before every page): a fresh nonce per request, handed to Next through the request's
 * Content-Security-Policy header (Next puts it on the scripts it renders) and sent to the browser with the page.
 * The other security headers are set by the server for every response (server/http-guard.ts).
 */
import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy } from './lib/http/security-headers.ts';

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== 'production' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages only: API answers are JSON or files, and static chunks need no policy of their own.
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};

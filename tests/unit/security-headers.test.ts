import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../lib/http/security-headers.ts';

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, and never inline or eval in production', () => {
    const csp = contentSecurityPolicy('abc');
    const script = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("adds 'unsafe-eval' for development only", () => {
    expect(contentSecurityPolicy('n', { dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('n')).not.toContain("'unsafe-eval'");
  });

  it('has the fixed headers every response carries', () => {
    expect(securityHeaders).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  });
});

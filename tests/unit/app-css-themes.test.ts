/**
 * The stylesheet and the code agree: the small-screen media query uses the breakpoint the reader's JavaScript
 * uses, and the ink and paper of each theme are the ones the highlight tints are computed against.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smallScreenMaxWidth, smallScreenQuery } from '../../lib/layout/breakpoint.ts';
import { themes } from '../../lib/tags/palette.ts';

const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');

/** The custom properties of the first `:root` rule in `scope` (a slice of the stylesheet). */
function variablesOf(scope: string): Map<string, string> {
  const body = /:root\s*\{([^}]*)\}/.exec(scope)?.[1] ?? '';
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim().toLowerCase()]));
}

describe('app/globals.css', () => {
  it('lays out small screens at the breakpoint lib/layout/breakpoint.ts names', () => {
    expect(smallScreenQuery).toBe(`(max-width: ${smallScreenMaxWidth}px)`);
    expect(css).toContain(`@media ${smallScreenQuery} {`);
  });

  it('has the light theme ink and paper the tints are computed against', () => {
    const light = variablesOf(css);
    expect(light.get('--ink')).toBe(themes.light.ink);
    expect(light.get('--paper')).toBe(themes.light.paper);
  });

  it('has the dark theme ink and paper the tints are computed against, under prefers-color-scheme: dark', () => {
    const at = css.indexOf('@media (prefers-color-scheme: dark)');
    expect(at).toBeGreaterThan(0);
    const dark = variablesOf(css.slice(at));
    expect(dark.get('--ink')).toBe(themes.dark.ink);
    expect(dark.get('--paper')).toBe(themes.dark.paper);
  });

  it('paints highlights with their dark tint in the dark theme', () => {
    const at = css.indexOf('@media (prefers-color-scheme: dark)');
    expect(css.slice(at)).toMatch(/\.hl \{ background-color: var\(--hl-dark, var\(--hl\)\)/);
  });
});

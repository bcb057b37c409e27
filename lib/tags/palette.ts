/**
 * Colours for theme tags and reader presence. Picked from a fixed palette by a stable hash, so every reader sees
 * the same colour for the same tag or person without coordinating.
 */

/** Light-enough colours that dark serif text stays readable over a tint of them, and distinct from each other. */
export const palette = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#800000',
  '#808000',
  '#000075',
  '#bfa200',
  '#dc6b9b',
  '#2f8f5b',
  '#6a5acd',
] as const;

/** A stable 32-bit FNV-1a hash of a string. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The palette colour for a name. */
export function colorFor(name: string): string {
  return palette[hashString(name) % palette.length];
}

/** The colour of a highlight for notes without a tag. */
export const untaggedColor = '#f2c94c';

/** `#rrggbb` with an alpha in 0..1, as an rgba() string for translucent highlights. */
export function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The ink and paper of each theme; app/globals.css holds the same values (checked by a unit test). */
export const themes = {
  light: { ink: '#1f1d1a', paper: '#fbf8f2' },
  dark: { ink: '#e9e4da', paper: '#1b1a18' },
} as const;
export type Theme = keyof typeof themes;

/** The contrast the text over a highlight keeps at least (WCAG AA for body text), also where two notes nest. */
export const minimumContrast = 4.5;
/** The tint strength a highlight gets when the contrast allows it. */
const preferredAlpha: Record<Theme, number> = { light: 0.32, dark: 0.34 };

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `colour` at `alpha` painted over the opaque `under`. */
export function blend(colour: Rgb, alpha: number, under: Rgb): Rgb {
  const mix = (i: 0 | 1 | 2) => colour[i] * alpha + under[i] * (1 - alpha);
  return [mix(0), mix(1), mix(2)];
}

/** WCAG 2 relative luminance of an sRGB colour (channels 0..255). */
export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours (`#rrggbb` or channels), from 1 to 21. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const la = relativeLuminance(typeof a === 'string' ? rgbOf(a) : a);
  const lb = relativeLuminance(typeof b === 'string' ? rgbOf(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The contrast of a theme's ink over `depth` nested tints of `hex` at `alpha` on its paper. */
export function inkContrastOver(hex: string, alpha: number, theme: Theme, depth = 1): number {
  let under = rgbOf(themes[theme].paper);
  for (let i = 0; i < depth; i++) under = blend(rgbOf(hex), alpha, under);
  return contrastRatio(themes[theme].ink, under);
}

/** The alpha a highlight of `hex` gets in `theme`: the preferred one, lowered until two nested tints keep the contrast. */
export function highlightAlpha(hex: string, theme: Theme): number {
  let alpha = preferredAlpha[theme];
  while (alpha > 0.05 && inkContrastOver(hex, alpha, theme, 2) < minimumContrast) alpha = Math.round((alpha - 0.01) * 100) / 100;
  return alpha;
}

/** The translucent background of a highlight of `hex` in `theme`, readable under the theme's ink. */
export function highlightTint(hex: string, theme: Theme): string {
  // Memoised: a room of 10,000 notes asks for the same few colours on every change, and each answer searches.
  const key = `${theme}${hex}`;
  let out = tintCache.get(key);
  if (out === undefined) {
    out = tint(hex, highlightAlpha(hex, theme));
    if (tintCache.size > 4096) tintCache.clear();
    tintCache.set(key, out);
  }
  return out;
}
const tintCache = new Map<string, string>();

/**
 * Distinct colours for the readers present in a room: each reader keeps their hashed colour unless someone earlier
 * in id order has it already, then takes the next free one. Every reader computes the same assignment from the
 * same set of ids; with more readers than colours, colours repeat as rarely as possible.
 */
export function distinctColors(ids: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(ids)].sort();
  const taken = new Map<number, number>();
  const out = new Map<string, string>();
  for (const id of sorted) {
    const round = Math.floor(out.size / palette.length);
    let slot = hashString(id) % palette.length;
    while ((taken.get(slot) ?? 0) > round) slot = (slot + 1) % palette.length;
    taken.set(slot, (taken.get(slot) ?? 0) + 1);
    out.set(id, palette[slot]);
  }
  return out;
}

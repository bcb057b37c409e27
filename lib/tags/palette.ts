/**
 * Colours for theme tags and reader presence. Picked from a fixed palette by a stable hash, so every reader sees
 * the same colour for the same tag or person without coordinating.
 */

/** Light-enough colours that dark serif text stays readable over a tint of them, and distinct from each other. */
export const palette = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324',
  '#469990', '#800000', '#808000', '#000075', '#bfa200', '#dc6b9b', '#2f8f5b', '#6a5acd',
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

/**
 * Escaping of readers' text for Markdown and YAML, so a note can never become a heading, a list, a link, raw HTML
 * or a second front-matter key: what a reader wrote is shown as they wrote it, and nothing else.
 */

/** One line of user text as inline Markdown: punctuation that means something is backslash-escaped, `<` `&` as entities. */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([-=+])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** User text of any number of lines, each line escaped (blank lines kept, so paragraphs stay paragraphs). */
export function escapeMarkdownLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeMarkdownInline(line.trimEnd()));
}

/** `text` as a Markdown block quote (each line prefixed with `prefix> `). */
export function blockQuote(text: string, prefix = ''): string {
  return escapeMarkdownLines(text)
    .map((line) => `${prefix}>${line ? ` ${line}` : ''}`)
    .join('\n');
}

/**
 * A YAML double-quoted scalar: JSON's escapes are YAML's, plus the two Unicode line separators, which YAML 1.1
 * readers break lines at.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

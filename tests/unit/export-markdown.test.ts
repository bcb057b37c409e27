import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline, yamlString } from '../../lib/export/markdown-escape.ts';
import { writeMarkdown } from '../../lib/export/markdown-writer.ts';
import { fixtureModel } from '../helpers/export-fixture.ts';

/** The YAML front matter of `md` as key → raw value. */
function frontMatter(md: string): Map<string, string> {
  const end = md.indexOf('\n---\n', 4);
  return new Map(
    md
      .slice(4, end)
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)] as [string, string]),
  );
}

describe('the Markdown essay pack', () => {
  const md = writeMarkdown(fixtureModel());

  it('opens with YAML front matter whose strings read back exactly', () => {
    expect(md.startsWith('---\n')).toBe(true);
    const fm = frontMatter(md);
    expect(JSON.parse(fm.get('title')!)).toBe('A "Quoted", Title');
    expect(JSON.parse(fm.get('author')!)).toBe('Lucinda Ortega');
    expect(JSON.parse(fm.get('source')!)).toBe('http://127.0.0.1:4000/d/a-quoted-title');
    expect(JSON.parse(fm.get('exported')!)).toBe('2026-11-26T12:00:00.000Z');
    expect([...fm.keys()]).not.toContain('title: injected');
  });

  it('gives a themes overview with counts and co-occurrences', () => {
    expect(md).toContain('| absence | 2 |');
    expect(md).toContain('- absence + letters: 1');
  });

  it('quotes each passage, with its locator, deep link, type, author and citation', () => {
    expect(md).toContain('> שלום עולם — مرحبا بالعالم 🌙✨');
    expect(md).toContain('ch. 1, ¶ 2 — [open in Glossa](http://127.0.0.1:4000/d/a-quoted-title#n-scripts) (Ortega, ch. 1, par. 2)');
    expect(md).toContain('**Question** by عمر "Omar" · #absence');
    expect(md).toContain('لماذا؟ Why the switch to 東京? 🤔');
  });

  it('indents replies under their note, in time order', () => {
    const at = md.indexOf('She says "leave it", then, she leaves.');
    const r1 = md.indexOf('  - **عمر "Omar"** replied (2026-11-01):\n    Agreed — "mostly",\n    but 🙂 not quite.', at);
    const r2 = md.indexOf('  - **Fay** replied', at);
    expect(r1).toBeGreaterThan(at);
    expect(r2).toBeGreaterThan(r1);
  });

  it('cannot be given headings, HTML, front matter or links by a note', () => {
    expect(md).not.toMatch(/^# Not a heading/m);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/^---\ntitle: injected/m);
    expect(md).not.toContain('[link](javascript');
    expect(md).toContain('\\# Not a heading');
  });

  it('shows a hidden note’s trace instead of its text, and replies of removed notes at the end', () => {
    expect(md).toContain('*Hidden by a facilitator (Fay)*');
    expect(md).toMatch(/## Replies to removed notes\n\n {2}- \*\*Fay\*\* replied/);
  });

  it('groups by theme with one section per theme and a last section for untagged notes', () => {
    expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual([
      'Themes',
      'absence',
      'letters',
      'Without a theme',
      'Replies to removed notes',
      'Works cited',
    ]);
  });

  it('ends with the works cited entry in the chosen style', () => {
    expect(writeMarkdown(fixtureModel({ style: 'apa' }))).toContain(
      'Ortega, L. (1999). *A "Quoted", Title*. http://127.0.0.1:4000/d/a-quoted-title',
    );
  });

  it('leaves replies out when asked', () => {
    expect(writeMarkdown(fixtureModel({ replies: false }))).not.toContain('replied');
  });
});

describe('escaping', () => {
  it.each([
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['a *b* _c_ `d`', 'a \\*b\\* \\_c\\_ \\`d\\`'],
    ['<img src=x onerror=y>', '&lt;img src=x onerror=y&gt;'],
    ['[x](y)', '\\[x\\](y)'],
    ['AT&T', 'AT&amp;T'],
    ['שלום 🌙', 'שלום 🌙'],
  ])('%s → %s', (text, escaped) => expect(escapeMarkdownInline(text)).toBe(escaped));

  it('quotes YAML strings so that they parse back as JSON strings, line separators included', () => {
    const s = 'a "b"\nc: d\u2028e';
    expect(yamlString(s)).not.toContain('\n');
    expect(yamlString(s)).not.toContain('\u2028');
    expect(JSON.parse(yamlString(s))).toBe(s);
  });
});

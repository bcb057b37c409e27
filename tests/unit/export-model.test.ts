import { describe, expect, it } from 'vitest';
import { filterFromParams } from '../../lib/annotations/note-filter.ts';
import { fixtureModel, lucinda, omar } from '../helpers/export-fixture.ts';

describe('the export model', () => {
  it('lists the notes on passages in text order, without replies or reactions as notes', () => {
    expect(fixtureModel().notes.map((n) => n.id)).toEqual(['n-letter', 'n-highlight', 'n-scripts', 'n-rain', 'n-hidden', 'n-inject']);
  });

  it('locates each note by chapter and paragraph and cites it in the chosen style', () => {
    const rain = fixtureModel({ style: 'apa' }).notes.find((n) => n.id === 'n-rain')!;
    expect(rain.locatorText).toBe('ch. 2, ¶ 1');
    expect(rain.citation).toBe('(Ortega, 1999, Chapter 2, para. 1)');
    expect(rain.deepLink).toBe('http://127.0.0.1:4000/d/a-quoted-title#n-rain');
  });

  it('keeps a note’s replies in time order and counts its reactions', () => {
    const letter = fixtureModel().notes[0]!;
    expect(letter.replies.map((r) => r.id)).toEqual(['r-1', 'r-2']);
    expect(letter.reactions).toBe(1);
  });

  it('counts replies but exports none when replies are off', () => {
    const model = fixtureModel({ replies: false });
    expect(model.notes[0]!.replies).toEqual([]);
    expect(model.notes[0]!.replyCount).toBe(2);
    expect(model.orphanReplies).toEqual([]);
  });

  it('selects the exporter’s own notes for “mine”', () => {
    expect(fixtureModel({ selection: 'mine', viewer: { id: omar.id, moderator: false } }).notes.map((n) => n.id)).toEqual([
      'n-scripts',
      'n-hidden',
    ]);
  });

  it('selects exactly what the reader’s URL filter shows for “filter”', () => {
    const model = fixtureModel({ selection: 'filter', filter: filterFromParams(new URLSearchParams('theme=letters&type=claim')) });
    expect(model.notes.map((n) => n.id)).toEqual(['n-inject']);
  });

  it('does not find a hidden note by words of its text for a reader who may not see it', () => {
    const model = fixtureModel({
      selection: 'filter',
      filter: filterFromParams(new URLSearchParams('q=then')),
      viewer: { id: lucinda.id, moderator: false },
    });
    // "Then the" is the hidden note's passage (found by passage); its redacted text is empty anyway.
    expect(model.notes.map((n) => n.id)).toContain('n-hidden');
    expect(model.notes.find((n) => n.id === 'n-hidden')!.trace).toBe('Hidden by a facilitator (Fay)');
  });

  it('groups by theme (a note under each of its themes, untagged last), by chapter, and by reader', () => {
    expect(fixtureModel().groups.map((g) => [g.title, g.notes.map((n) => n.id)])).toEqual([
      ['absence', ['n-letter', 'n-scripts']],
      ['letters', ['n-letter', 'n-inject']],
      ['Without a theme', ['n-highlight', 'n-rain', 'n-hidden']],
    ]);
    expect(fixtureModel({ grouping: 'text' }).groups.map((g) => [g.title, g.notes.length])).toEqual([
      ['CHAPTER I', 3],
      ['CHAPTER II', 3],
    ]);
    expect(fixtureModel({ grouping: 'reader' }).groups.map((g) => g.title)).toEqual(['Lucinda', 'عمر "Omar"']);
  });

  it('counts themes and their co-occurrences over the selected notes', () => {
    const model = fixtureModel();
    expect(model.themes.map((t) => [t.name, t.count])).toEqual([
      ['absence', 2],
      ['letters', 2],
    ]);
    expect(model.coOccurrences).toEqual([{ a: 'absence', b: 'letters', count: 1 }]);
  });

  it('keeps replies of a deleted note when all notes are exported with replies', () => {
    expect(fixtureModel().orphanReplies.map((r) => r.id)).toEqual(['r-orphan']);
    expect(fixtureModel({ selection: 'mine' }).orphanReplies).toEqual([]);
  });
});

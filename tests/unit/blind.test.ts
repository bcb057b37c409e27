import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BlindView,
  effectiveBlindMode,
  isWithheldPlaceholder,
  parseBlindMode,
  spansFor,
  unitsOf,
  visibleNotes,
  withheldPlaceholder,
} from '../../lib/annotations/blind.ts';
import { valuesOf, withholdItems } from '../../lib/collab/withhold-update.ts';

const paragraphs: Array<[number, number]> = [
  [0, 10],
  [12, 30],
  [32, 50],
];

const note = (id: string, creator: string, start: number, end: number, comment = `words of ${id}`) => ({
  id,
  creator: { id: creator, name: creator },
  target: {
    source: 'doc',
    selector: [
      { type: 'TextQuoteSelector', exact: 'x' },
      { type: 'TextPositionSelector', start, end },
    ],
  },
  body: [{ type: 'TextualBody', purpose: 'commenting', value: comment }],
});
const reply = (id: string, creator: string, target: string) => ({ id, creator: { id: creator, name: creator }, target });

describe('blind mode: which mode binds whom', () => {
  it.each([
    // room, chosen, role → effective
    ['off', 'off', 'annotator', 'off'],
    ['off', 'passage', 'annotator', 'passage'],
    ['passage', 'off', 'annotator', 'passage'],
    ['chapter', 'passage', 'viewer', 'chapter'],
    ['passage', 'off', null, 'passage'],
    ['passage', 'off', 'facilitator', 'off'],
    ['passage', 'off', 'owner', 'off'],
    ['passage', 'chapter', 'facilitator', 'chapter'],
  ] as const)('room %s, chosen %s, role %s → %s', (room, chosen, role, expected) => {
    expect(effectiveBlindMode({ room, chosen, role })).toBe(expected);
  });

  it('reads a mode from a query parameter, anything unknown as off', () => {
    expect(parseBlindMode('passage')).toBe('passage');
    expect(parseBlindMode('chapter')).toBe('chapter');
    expect(parseBlindMode('everything')).toBe('off');
    expect(parseBlindMode(null)).toBe('off');
  });
});

describe('blind mode: units of a passage', () => {
  it.each([
    [0, 5, [0]],
    [5, 15, [0, 1]],
    [12, 30, [1]],
    [29, 33, [1, 2]],
    [10, 11, [0]], // between paragraphs: the one before
    [60, 70, [2]], // past the end: the last
    [0, 50, [0, 1, 2]],
  ])('[%i, %i) touches %j', (start, end, units) => {
    expect(unitsOf(start, end, paragraphs)).toEqual(units);
  });

  it('counts a text without chapters as one chapter', () => {
    expect(unitsOf(100, 200, [])).toEqual([0]);
  });

  it('takes only the innermost chapters of an outline with books', () => {
    const chapters = [
      { start: 0, end: 100 },
      { start: 5, end: 50 },
      { start: 50, end: 100 },
      { start: 100, end: 150 },
    ];
    expect(spansFor('chapter', { paragraphs: [], chapters })).toEqual([
      [5, 50],
      [50, 100],
      [100, 150],
    ]);
  });
});

describe('blind mode: what a reader sees', () => {
  it('hides others’ notes until the reader posts on one of their paragraphs', () => {
    const view = new BlindView('bea', 'passage', paragraphs);
    const ada = note('a', 'ada', 14, 20);
    const adaElsewhere = note('b', 'ada', 35, 40);
    const byId = (id: string) => ({ a: ada, b: adaElsewhere })[id];
    expect(view.shows(ada, byId)).toBe(false);
    expect(view.learn(ada).units).toEqual([]); // someone else's note reveals nothing
    const mine = note('m', 'bea', 20, 25);
    expect(view.shows(mine, byId)).toBe(true);
    expect(view.learn(mine).units).toEqual([1]);
    expect(view.learn(mine).units).toEqual([]); // already open
    expect(view.shows(ada, byId)).toBe(true);
    expect(view.shows(adaElsewhere, byId)).toBe(false);
  });

  it('shows replies and reactions with the note they are on, and the reader’s own anywhere', () => {
    const view = new BlindView('bea', 'passage', paragraphs);
    const ada = note('a', 'ada', 14, 20);
    const mine = note('m', 'bea', 35, 40);
    const notes: Record<string, unknown> = { a: ada, m: mine };
    const noteOf = (id: string) => notes[id];
    expect(view.shows(reply('r1', 'cy', 'a'), noteOf)).toBe(false);
    expect(view.shows(reply('r2', 'cy', 'm'), noteOf)).toBe(true); // others reply to my note: I see it
    expect(view.shows(reply('r3', 'bea', 'a'), noteOf)).toBe(true);
    expect(view.shows(reply('r4', 'cy', 'gone'), noteOf)).toBe(false);
    view.learn(note('m2', 'bea', 12, 13));
    expect(view.shows(reply('r1', 'cy', 'a'), noteOf)).toBe(true);
  });

  it('in chapter mode, one note opens its whole chapter', () => {
    const chapters: Array<[number, number]> = [
      [0, 30],
      [30, 50],
    ];
    const view = new BlindView('bea', 'chapter', chapters);
    view.learn(note('m', 'bea', 1, 2));
    expect(view.shows(note('a', 'ada', 25, 29), () => undefined)).toBe(true);
    expect(view.shows(note('b', 'ada', 31, 33), () => undefined)).toBe(false);
  });

  it('shows nothing of others to a reader without an account, and fails closed on odd values', () => {
    const view = new BlindView(null, 'passage', paragraphs);
    expect(view.learn(note('a', 'ada', 14, 20)).units).toEqual([]);
    expect(view.shows(note('a', 'ada', 14, 20), () => undefined)).toBe(false);
    expect(view.shows(null, () => undefined)).toBe(false);
    expect(view.shows({ creator: { id: 'ada' }, target: { selector: 'nonsense' } }, () => undefined)).toBe(false);
    expect(view.shows({ creator: { id: 'x' }, target: 'a' }, (id) => ({ creator: { id: 'x' }, target: id }))).toBe(false);
  });

  it('filters a list (HTTP) after learning the reader’s own notes', () => {
    const list = [note('a', 'ada', 14, 20), note('b', 'ada', 35, 40), note('m', 'bea', 20, 25), { ...reply('r', 'cy', 'a') }];
    expect(visibleNotes(new BlindView('bea', 'passage', paragraphs), list).map((n) => n.id)).toEqual(['a', 'm', 'r']);
  });
});

describe('the spoiler guard: a horizon on the view', () => {
  const noteOf = (notes: Record<string, unknown>) => (id: string) => notes[id];

  it.each([
    // [note start, note end, horizon, shows]
    [0, 5, 10, true], // read
    [9, 12, 10, true], // begun in read text: shows whole
    [10, 12, 10, false], // starts at the horizon: not read yet
    [40, 45, 10, false],
    [40, 45, null, true], // guard off
    [0, 1, 0, false], // nothing read yet
  ])('a note at [%i, %i) with the horizon at %s shows: %s', (start, end, horizon, shows) => {
    const view = new BlindView('bea', 'off', [], horizon);
    expect(view.shows(note('a', 'ada', start, end), () => undefined)).toBe(shows);
  });

  it('keeps the reader’s own notes, and replies follow their note', () => {
    const view = new BlindView('bea', 'off', [], 10);
    const late = note('a', 'ada', 30, 35);
    const mineLate = note('m', 'bea', 30, 35);
    const notes = { a: late, m: mineLate };
    expect(view.shows(mineLate, noteOf(notes))).toBe(true);
    expect(view.shows(reply('r1', 'cy', 'm'), noteOf(notes))).toBe(true);
    expect(view.shows(reply('r2', 'cy', 'a'), noteOf(notes))).toBe(false);
    expect(view.learn(mineLate).units).toEqual([]); // no units when only guarded
    view.setHorizon(31);
    expect(view.horizon).toBe(31);
    expect(view.shows(late, noteOf(notes))).toBe(true);
    expect(view.shows(reply('r2', 'cy', 'a'), noteOf(notes))).toBe(true);
    view.setHorizon(null);
    expect(view.shows(note('z', 'ada', 1_000, 1_001), () => undefined)).toBe(true);
  });

  it('holds together with reading blind: a note shows only when both allow it', () => {
    const view = new BlindView('bea', 'passage', paragraphs, 30);
    view.learn(note('m', 'bea', 14, 15)); // opens the paragraph [10, 30)
    view.learn(note('m2', 'bea', 35, 36)); // opens [30, 50) — but it is past the horizon
    expect(view.shows(note('a', 'ada', 20, 25), () => undefined)).toBe(true);
    expect(view.shows(note('b', 'ada', 31, 33), () => undefined)).toBe(false);
    expect(view.touches(note('b', 'ada', 31, 33), new Set([2]))).toBe(false);
    view.setHorizon(50);
    expect(view.shows(note('b', 'ada', 31, 33), () => undefined)).toBe(true);
  });
});

describe('the agenda’s questions, reading blind', () => {
  it('shows another’s agenda question, and the answers there once the reader has answered', () => {
    const view = new BlindView('bea', 'passage', paragraphs);
    const question = { ...note('q', 'fay', 35, 40), motivation: 'questioning' };
    const notes: Record<string, unknown> = { q: question };
    const noteOf = (id: string) => notes[id];
    expect(view.shows(question, noteOf)).toBe(false);
    view.setAgenda(new Set(['q']));
    expect(view.shows(question, noteOf)).toBe(true);
    const adaAnswer = reply('r1', 'ada', 'q');
    expect(view.shows(adaAnswer, noteOf)).toBe(false);
    expect(view.learn(adaAnswer).answered).toBeNull(); // someone else's answer opens nothing
    const mine = reply('r2', 'bea', 'q');
    expect(view.shows(mine, noteOf)).toBe(true);
    expect(view.learn(mine)).toEqual({ units: [], answered: 'q' });
    expect(view.learn(mine).answered).toBeNull(); // already open
    expect(view.shows(adaAnswer, noteOf)).toBe(true);
    // Other notes on its paragraph stay withheld: the question is exempt, not its passage.
    expect(view.shows(note('a', 'ada', 36, 39), noteOf)).toBe(false);
  });

  it('changes nothing without reading blind, and the spoiler guard still holds', () => {
    const guardOnly = new BlindView('bea', 'off', [], 30);
    guardOnly.setAgenda(new Set(['q']));
    const early = { ...note('q', 'fay', 5, 8), motivation: 'questioning' };
    const notes: Record<string, unknown> = { q: early, late: { ...note('late', 'fay', 40, 45), motivation: 'questioning' } };
    const noteOf = (id: string) => notes[id];
    expect(guardOnly.shows(reply('r1', 'ada', 'q'), noteOf)).toBe(true);
    const blind = new BlindView('bea', 'passage', paragraphs, 30);
    blind.setAgenda(new Set(['q', 'late']));
    expect(blind.shows(notes.late, noteOf)).toBe(false); // past the horizon
    expect(blind.shows(early, noteOf)).toBe(true);
  });

  it('lists what a blind reader may see, learning their answers first', () => {
    const view = new BlindView('bea', 'passage', paragraphs);
    view.setAgenda(new Set(['q']));
    const list = [note('q', 'fay', 35, 40), reply('r1', 'ada', 'q'), reply('r2', 'bea', 'q'), note('a', 'ada', 36, 39)];
    expect(visibleNotes(view, list).map((n) => n.id)).toEqual(['q', 'r1', 'r2']);
  });
});

describe('withholding items of an update', () => {
  function room() {
    const doc = new Y.Doc();
    const map = doc.getMap('annotations');
    return { doc, map };
  }
  // As the room decides: the item's entry is found in the room's doc (an overwrite carries an origin, not a key).
  const hidden = (doc: Y.Doc) => (item: Y.Item) => {
    const stored = Y.getItem(doc.store, item.id) as Y.Item;
    const value = valuesOf(item)[0] as { creator?: { id: string } } | undefined;
    return stored.parent === doc.getMap('annotations') && value?.creator?.id === 'ada';
  };

  it('sends a placeholder in place of a withheld note, keeps the rest, and never the words', () => {
    const server = room();
    server.map.set('a', note('a', 'ada', 14, 20, 'SECRET-ADA'));
    server.map.set('m', note('m', 'bea', 35, 40, 'bea writes'));
    server.doc.getMap('tags').set('guilt', { color: '#aa0000' });
    const full = Y.encodeStateAsUpdate(server.doc);
    const sent = withholdItems(full, hidden(server.doc), withheldPlaceholder);
    expect(Buffer.from(sent).includes('SECRET-ADA')).toBe(false);
    expect(Buffer.from(full).includes('SECRET-ADA')).toBe(true);

    const reader = room();
    Y.applyUpdate(reader.doc, sent);
    expect(isWithheldPlaceholder(reader.map.get('a'))).toBe(true);
    expect((reader.map.get('m') as { id: string }).id).toBe('m');
    expect(reader.doc.getMap('tags').get('guilt')).toEqual({ color: '#aa0000' });
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(server.doc));
    expect(reader.doc.store.pendingStructs).toBeNull();
  });

  it('returns the same bytes when nothing is withheld', () => {
    const server = room();
    server.map.set('m', note('m', 'bea', 35, 40));
    const full = Y.encodeStateAsUpdate(server.doc);
    expect(withholdItems(full, hidden(server.doc), withheldPlaceholder)).toBe(full);
  });

  it('keeps a withheld note’s later versions and its deletion in step, and the reader’s state never deletes it', () => {
    const server = room();
    const reader = room();
    const relay = (update: Uint8Array) => Y.applyUpdate(reader.doc, withholdItems(update, hidden(server.doc), withheldPlaceholder));
    server.doc.on('update', relay);
    server.map.set('a', note('a', 'ada', 14, 20, 'first'));
    server.map.set('m', note('m', 'bea', 35, 40));
    server.map.set('a', note('a', 'ada', 14, 20, 'SECOND-VERSION'));
    expect(isWithheldPlaceholder(reader.map.get('a'))).toBe(true);
    expect(reader.doc.store.pendingStructs).toBeNull();

    // What the reader would send back (its whole state) deletes nothing live on the server.
    const back = Y.encodeStateAsUpdate(reader.doc, Y.encodeStateVector(new Y.Doc()));
    const copy = room();
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(server.doc));
    Y.applyUpdate(copy.doc, back);
    expect((copy.map.get('a') as { body: Array<{ value: string }> }).body[0].value).toBe('SECOND-VERSION');

    server.map.delete('a');
    expect(reader.map.has('a')).toBe(false);
    expect((reader.map.get('m') as { id: string }).id).toBe('m');
    server.doc.off('update', relay);
  });
});

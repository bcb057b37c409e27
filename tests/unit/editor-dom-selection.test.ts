import { describe, expect, it } from 'vitest';
import { type SelectionSource, unreadSelection } from '../../lib/editor/dom-selection.ts';

// Stand-ins for DOM nodes: the text's two nodes, and a node outside it (a composer).
const inText = { name: 'text-a' } as unknown as Node;
const inText2 = { name: 'text-b' } as unknown as Node;
const outside = { name: 'textarea' } as unknown as Node;
const positions = new Map<Node, number>([
  [inText, 10],
  [inText2, 40],
]);

function source(dom: Partial<Selection> | null, pm: { anchor: number; head: number }, throws = false, focused = true): SelectionSource {
  return {
    hasFocus: () => focused,
    root: { getSelection: () => dom as Selection | null } as unknown as Document,
    dom: { contains: (n) => n === inText || n === inText2 },
    posAtDOM: (node, offset) => {
      if (throws) throw new RangeError('not in the document');
      return (positions.get(node) ?? 0) + offset;
    },
    state: { selection: pm },
  };
}

describe('unreadSelection', () => {
  const cases: Array<[string, SelectionSource, { anchor: number; head: number } | null]> = [
    ['no selection at all', source(null, { anchor: 1, head: 1 }), null],
    ['a selection without nodes', source({ anchorNode: null, focusNode: null }, { anchor: 1, head: 1 }), null],
    [
      'the same as ProseMirror read',
      source({ anchorNode: inText, anchorOffset: 2, focusNode: inText2, focusOffset: 3 }, { anchor: 12, head: 43 }),
      null,
    ],
    [
      'Shift+arrow moved the head, not yet read',
      source({ anchorNode: inText, anchorOffset: 2, focusNode: inText2, focusOffset: 4 }, { anchor: 12, head: 43 }),
      { anchor: 12, head: 44 },
    ],
    [
      'a click moved the caret, not yet read',
      source({ anchorNode: inText2, anchorOffset: 0, focusNode: inText2, focusOffset: 0 }, { anchor: 12, head: 12 }),
      { anchor: 40, head: 40 },
    ],
    [
      'a backwards selection keeps its direction',
      source({ anchorNode: inText2, anchorOffset: 5, focusNode: inText, focusOffset: 1 }, { anchor: 12, head: 12 }),
      { anchor: 45, head: 11 },
    ],
    [
      'a selection in a composer is not the text',
      source({ anchorNode: outside, anchorOffset: 0, focusNode: outside, focusOffset: 4 }, { anchor: 12, head: 12 }),
      null,
    ],
    [
      'a selection reaching out of the text is not the text',
      source({ anchorNode: inText, anchorOffset: 0, focusNode: outside, focusOffset: 4 }, { anchor: 12, head: 12 }),
      null,
    ],
    [
      'an editor without focus (ProseMirror leaves the DOM selection alone then)',
      source({ anchorNode: inText2, anchorOffset: 0, focusNode: inText2, focusOffset: 0 }, { anchor: 12, head: 12 }, false, false),
      null,
    ],
    [
      'a point ProseMirror cannot map',
      source({ anchorNode: inText, anchorOffset: 0, focusNode: inText, focusOffset: 0 }, { anchor: 12, head: 12 }, true),
      null,
    ],
  ];
  for (const [name, view, want] of cases) it(name, () => expect(unreadSelection(view)).toEqual(want));
});

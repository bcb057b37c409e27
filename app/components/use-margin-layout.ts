'use client';
/**
 * Lays the margin out: each card level with its passage, none overlapping, and only the cards near the viewport in
 * the DOM once a room has many notes.
 *
 * Layout reads are batched and made only when their inputs change: a passage's top is measured (one
 * `coordsAtPos`, all reads before any write, so at most one forced layout) when its note is new or moved, and every
 * passage again only when the text reflows (its element changes size: a resize, a late web font). Card heights come
 * from a ResizeObserver on the rendered cards (no forced layout); cards not rendered yet count with an estimate.
 * Scrolling moves a band of the margin (lib/editor/margin-band.ts: rarely, since every DOM change in a novel is
 * costly) and the cards whose boxes meet it are rendered; the focused card is always rendered. While the page is
 * flung faster than the band can follow, it moves at most every `bandEveryMs`, and once more when scrolling rests.
 */
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { cardsInBand, orderCards, stackCards } from '../../lib/editor/card-layout.ts';
import { type Band, nextBand } from '../../lib/editor/margin-band.ts';
import type { Placed, Placements } from './use-anchoring.ts';

/** The height a card is taken to have until it is rendered and measured. */
const estimatedHeight = 110;
/** Up to this many cards all are rendered (cheap, and the browser's find sees every comment). */
export const windowFrom = 150;
/** While scrolling goes on, the band moves at most this often (its last move comes when scrolling rests). */
const bandEveryMs = 150;

export interface RevealRequest {
  id: string;
  /** Scroll the card into view (nearest edge). */
  scroll: boolean;
  /** Move the keyboard focus to the card. */
  focus: boolean;
}

export interface MarginLayout {
  /** The ids of the cards to render, in the order of the notes. */
  rendered: readonly string[];
  /** Each card's top in the margin. */
  tops: Pick<ReadonlyMap<string, number>, 'get' | 'has'>;
  /** Stable: cards call it with their element (and null when unmounted). */
  registerCard(id: string, el: HTMLElement | null): void;
  /** Scrolls to and/or focuses a card once it is rendered (render it by focusing its note). */
  reveal(request: RevealRequest): void;
  /** The top of editor position `pos` in the margin's coordinates (a layout read: call it for one position). */
  topOf(pos: number): number;
}

/** A section of the text: its position range and its element. */
interface Section {
  from: number;
  to: number;
  el: Element;
}

interface Measured {
  placed: Placed | null;
  /** The section holding the passage (the whole text in a text drawn flat); null for a note not placed. */
  section: Section | null;
  /** The passage's top below the section's top. */
  within: number;
  /** Measured in the drawn text (true), or placed by its share of a skipped section's characters (false). */
  exact: boolean;
}

/** The sections of the view's document (lib/editor/reader-sections.ts), or none for a text drawn flat. */
function sectionsOf(view: EditorView): Section[] {
  const out: Section[] = [];
  view.state.doc.forEach((node, offset) => {
    if (node.type.name !== 'section') return;
    const el = view.nodeDOM(offset);
    if (el instanceof Element) out.push({ from: offset, to: offset + node.nodeSize, el });
  });
  return out;
}

/** The section holding position `pos` (binary search), or null in a text drawn flat. */
function sectionAt(sections: readonly Section[], pos: number): Section | null {
  let lo = 0;
  let hi = sections.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid].from <= pos) lo = mid;
    else hi = mid - 1;
  }
  return sections[lo];
}

/** Whether two maps of tops hold the same ids at the same tops (within a pixel's fraction). */
function sameTops(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, top] of b) {
    const old = a.get(id);
    if (old === undefined || Math.abs(old - top) > 0.5) return false;
  }
  return true;
}

export function useMarginLayout(
  view: EditorView | null,
  marginRef: RefObject<HTMLElement | null>,
  placed: Placements,
  pinned: string | null,
): MarginLayout {
  // Passages move whenever the text reflows; all such changes change the text element's size. A change of width
  // rewraps lines (every passage is measured again); a change of height alone is a section of a long text drawn
  // for the first time (its guessed height replaced by its real one), which moves whole sections, not lines.
  const [reflows, setReflows] = useState({ n: 0, width: 0 });
  useEffect(() => {
    if (!view) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setReflows((r) => ({ n: r.n + 1, width: view.dom.clientWidth })));
    });
    observer.observe(view.dom);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [view]);

  // A section of a long text drawn for the first time (or again): its passages can now be measured exactly.
  const [drawn, setDrawn] = useState(0);
  const drawnSections = useRef(new WeakSet<Element>());
  useEffect(() => {
    if (!view) return;
    let frame = 0;
    const onState = (event: Event) => {
      const { skipped } = event as Event & { skipped?: boolean };
      if (!(event.target instanceof Element)) return;
      if (skipped !== false) {
        drawnSections.current.delete(event.target);
        return;
      }
      drawnSections.current.add(event.target);
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setDrawn((n) => n + 1)));
    };
    // The event does not bubble: listen in the capture phase, on the text, for all its sections.
    view.dom.addEventListener('contentvisibilityautostatechange', onState, true);
    return () => {
      cancelAnimationFrame(frame);
      view.dom.removeEventListener('contentvisibilityautostatechange', onState, true);
    };
  }, [view]);

  // The text's sections as position ranges and elements (the text element itself for a text drawn flat).
  const sections = useMemo(() => (view ? sectionsOf(view) : []), [view]);

  // Where each passage starts: its section and its top within it. Measuring a passage in a section the browser
  // skips would make it lay that section out (10,000 such measurements took 1.2 s of a novel's load), so a passage
  // there is placed by its share of the section's characters until the section is drawn, then measured.
  // Keyed by placement (use-anchoring.ts keeps one object per note and anchor), not by the notes placed now: a
  // filter that hides notes and then shows them again finds them measured (clearing a filter on 10,000 notes
  // measured thousands of passages again). Dropped only when the text reflows or the view changes; placements no
  // longer held anywhere go with the WeakMap.
  const measured = useRef(new WeakMap<Placed, Measured>());
  const measuredFor = useRef<{ view: EditorView | null; width: number }>({ view: null, width: -1 });
  const [desired, setDesired] = useState<ReadonlyMap<string, number>>(new Map());
  // The sections' tops below the margin's top when last read, and the layout they were read in (the text's
  // reflows and drawn sections): they move only with those, not when a filter changes which notes are placed.
  const sectionTops = useRef<{ view: EditorView; n: number; drawn: number; byEl: Map<Element, number> } | null>(null);
  useLayoutEffect(() => {
    const margin = marginRef.current;
    if (!view || !margin) return;
    void reflows.n;
    void drawn;
    const all = measuredFor.current.view !== view || measuredFor.current.width !== reflows.width;
    measuredFor.current = { view, width: reflows.width };
    if (all) measured.current = new WeakMap();
    const cache = measured.current;
    // Only the notes placed changed (a filter set or cleared) and every one was measured in this layout: placed
    // from the sections' tops read before, with no layout read (reading boxes just after a filter's DOM changes
    // forced a layout of the page before its frame).
    const known = sectionTops.current;
    if (!all && known && known.view === view && known.n === reflows.n && known.drawn === drawn) {
      const tops = new Map<string, number>();
      const lost: string[] = [];
      let last = 0;
      let complete = true;
      for (const [id, p] of placed) {
        if (!p) {
          lost.push(id);
          continue;
        }
        const m = cache.get(p);
        const offset = m?.section ? known.byEl.get(m.section.el) : undefined;
        // An estimate in a section drawn since is measured again, below.
        if (!m?.section || offset === undefined || !(m.exact || !drawnSections.current.has(m.section.el))) {
          complete = false;
          break;
        }
        const top = offset + m.within;
        tops.set(id, top);
        last = Math.max(last, top);
      }
      if (complete) {
        for (const id of lost) tops.set(id, last + 1);
        setDesired((d) => (sameTops(d, tops) ? d : tops));
        return;
      }
    }
    const next = new Map<string, Measured>();
    // Section boxes are read once each (after one layout; a skipped section's box needs no layout of its text).
    const boxes = new Map<Element, DOMRect>();
    const boxOf = (el: Element) => {
      let box = boxes.get(el);
      if (box === undefined) boxes.set(el, (box = el.getBoundingClientRect()));
      return box;
    };
    const screen = window.innerHeight;
    const isDrawn = (section: Section) => {
      if (section.el === view.dom || drawnSections.current.has(section.el)) return true;
      const box = boxOf(section.el);
      return box.bottom > -screen && box.top < 2 * screen;
    };
    for (const [id, p] of placed) {
      if (!p) {
        next.set(id, { placed: p, section: null, within: Number.NaN, exact: true });
        continue;
      }
      const before = cache.get(p);
      if (before?.section && (before.exact || !isDrawn(before.section))) {
        next.set(id, before);
        continue;
      }
      const section = sectionAt(sections, p.from) ?? { from: 0, to: view.state.doc.content.size, el: view.dom };
      let m: Measured;
      if (isDrawn(section)) {
        m = { placed: p, section, within: view.coordsAtPos(p.from).top - boxOf(section.el).top, exact: true };
      } else {
        const share = (p.from - section.from) / Math.max(1, section.to - section.from);
        m = { placed: p, section, within: share * boxOf(section.el).height, exact: false };
      }
      cache.set(p, m);
      next.set(id, m);
    }
    const base = margin.getBoundingClientRect().top;
    // Notes whose passage is gone are listed after the others.
    const tops = new Map<string, number>();
    let last = 0;
    for (const [id, m] of next) {
      if (!m.section) continue;
      const top = boxOf(m.section.el).top - base + m.within;
      tops.set(id, top);
      last = Math.max(last, top);
    }
    for (const [id, m] of next) if (!m.section) tops.set(id, last + 1);
    const byEl = new Map<Element, number>();
    for (const [el, box] of boxes) byEl.set(el, box.top - base);
    sectionTops.current = { view, n: reflows.n, drawn, byEl };
    setDesired((d) => (sameTops(d, tops) ? d : tops));
  }, [view, placed, reflows, drawn, sections, marginRef]);

  // Card heights, as the ResizeObserver reports them for rendered cards.
  const heights = useRef(new Map<string, number>());
  const [heightsSeen, setHeightsSeen] = useState(0);
  const cards = useRef(new Map<string, HTMLElement>());
  const sizes = useRef<ResizeObserver | null>(null);
  const registerCard = useCallback((id: string, el: HTMLElement | null) => {
    const old = cards.current.get(id);
    if (old && old !== el) sizes.current?.unobserve(old);
    if (!el) {
      cards.current.delete(id);
      return;
    }
    cards.current.set(id, el);
    sizes.current ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const cardId = (entry.target as HTMLElement).dataset.annotationId;
        const h = entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
        if (!cardId || h === 0 || Math.abs((heights.current.get(cardId) ?? -1) - h) < 1) continue;
        heights.current.set(cardId, h);
        changed = true;
      }
      if (changed) setHeightsSeen((n) => n + 1);
    });
    sizes.current.observe(el);
  }, []);
  useEffect(() => () => sizes.current?.disconnect(), []);

  // Sorted once per move of the passages; restacked (one pass, no sort) whenever a card reports its height.
  const order = useMemo(() => orderCards(desired), [desired]);
  const stack = useMemo(() => {
    void heightsSeen;
    return stackCards(order, (id) => heights.current.get(id) ?? estimatedHeight);
  }, [order, heightsSeen]);
  const tops = useMemo(
    () => ({
      get: (id: string) => {
        const k = stack.index.get(id);
        return k === undefined ? undefined : stack.tops[k];
      },
      has: (id: string) => stack.index.has(id),
    }),
    [stack],
  );

  // The band of the margin near the viewport.
  const [band, setBand] = useState<Band | null>(null);
  const bandRef = useRef<Band | null>(null);
  const windowed = desired.size > windowFrom;
  useEffect(() => {
    const margin = marginRef.current;
    if (!margin || !windowed) return;
    let frame = 0;
    let timer = 0;
    let movedAt = Number.NEGATIVE_INFINITY;
    const update = () => {
      frame = 0;
      const offset = -margin.getBoundingClientRect().top;
      const next = nextBand(bandRef.current, offset, window.innerHeight);
      if (next === bandRef.current) return;
      bandRef.current = next;
      movedAt = performance.now();
      setBand(next);
    };
    const schedule = () => {
      window.clearTimeout(timer);
      const wait = movedAt + bandEveryMs - performance.now();
      // Too soon after the last move: try again when the wait is over (or scrolling rests), not in this frame.
      if (wait > 0) timer = window.setTimeout(schedule, wait);
      else if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [marginRef, windowed]);

  const rendered = useMemo(() => {
    if (!windowed) return order.ids;
    const out = band ? cardsInBand(stack, band.from, band.to) : [];
    if (pinned && stack.index.has(pinned) && !out.includes(pinned)) {
      // The focused card stays rendered wherever it is, in its place in the order.
      out.push(pinned);
      out.sort((a, b) => stack.index.get(a)! - stack.index.get(b)!);
    }
    return out;
  }, [windowed, order, stack, band, pinned]);

  // A card asked to be shown is scrolled to or focused once it is in the DOM and placed.
  const [request, setRequest] = useState<RevealRequest | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the request is retried each time the rendered set of cards changes (the card may only now be in the DOM)
  useLayoutEffect(() => {
    if (!request) return;
    const el = cards.current.get(request.id);
    if (!el || !tops.has(request.id)) return;
    setRequest(null);
    if (request.scroll) el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    if (request.focus) el.focus({ preventScroll: true });
  }, [request, rendered, tops]);

  const topOf = useCallback(
    (pos: number) => {
      const margin = marginRef.current;
      if (!view || !margin) return 0;
      return view.coordsAtPos(pos).top - margin.getBoundingClientRect().top;
    },
    [view, marginRef],
  );

  return { rendered, tops, registerCard, reveal: setRequest, topOf };
}

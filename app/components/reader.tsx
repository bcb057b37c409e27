'use client';
/**
 * The reader of one document: the text (read-only ProseMirror), its notes as highlights and margin cards, the
 * selection popup and composer, presence, and undo of one's own deletes. Notes live in the room's Y.Doc; this
 * component only turns reader actions into map writes and map changes into decorations.
 */
import Link from 'next/link';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { anchorSelectors } from '../../lib/anchoring/anchor.ts';
import {
  buildPassageAnnotation,
  buildReply,
  commentOf,
  editPassageAnnotation,
  tagsOf,
} from '../../lib/annotations/build-annotation.ts';
import { isPassageAnnotation, type Annotation, type PassageAnnotation, type ReplyAnnotation } from '../../lib/annotations/schema.ts';
import { layoutCards } from '../../lib/editor/card-layout.ts';
import { highlightKey, type Highlight } from '../../lib/editor/highlight-plugin.ts';
import { colorFor, tint, untaggedColor } from '../../lib/tags/palette.ts';
import type { ParagraphSpan } from '../../lib/text/canonical-text.ts';
import { Composer } from './composer.tsx';
import { NamePrompt } from './name-prompt.tsx';
import { ReplyThread } from './reply-thread.tsx';
import { NoteCard } from './note-card.tsx';
import { PresenceList } from './presence-list.tsx';
import { useReaderEditor, type TextSelectionInfo } from './use-reader-editor.ts';
import { useReaderIdentity } from './use-reader-identity.ts';
import { useRoom } from './use-room.ts';

export interface ReaderProps {
  documentId: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  text: string;
  paragraphs: ParagraphSpan[];
}

type ComposerState = { kind: 'new'; selection: TextSelectionInfo } | { kind: 'edit'; annotation: PassageAnnotation };

const undoWindowMs = 8000;
/** The highlight id of the passage a new note is being written on (never a note id: those start with `a-`). */
const draftId = '(draft)';
const draftColor = 'rgba(39, 87, 197, 0.22)';

/** Where a note sits in the editor, or null when its passage is not in the text any more. */
interface Placed {
  annotation: PassageAnnotation;
  from: number;
  to: number;
  paragraph: number;
}

/**
 * Scrolls an element of the text to the middle of the window. Paragraphs off screen have only an estimated height
 * (content-visibility) until they are shown, so the first jump can land off; it is repeated, frame after frame,
 * until it holds or a second has passed (a busy machine lays out slowly).
 */
function scrollToCentre(el: HTMLElement, until = performance.now() + 1000): void {
  el.scrollIntoView({ block: 'center', behavior: 'instant' });
  requestAnimationFrame(() => {
    const { top, bottom } = el.getBoundingClientRect();
    const off = top < 0 || bottom > window.innerHeight;
    if (off && performance.now() < until) scrollToCentre(el, until);
  });
}

export function Reader({ documentId, title, author, metadata, text, paragraphs }: ReaderProps) {
  const [reader, chooseName] = useReaderIdentity();
  const [renaming, setRenaming] = useState(false);
  const room = useRoom(documentId, reader);
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ annotation: Annotation; timer: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const marginRef = useRef<HTMLDivElement | null>(null);
  const cardEls = useRef(new Map<string, HTMLElement>());
  const [tops, setTops] = useState<Map<string, number>>(new Map());
  const [layoutTick, setLayoutTick] = useState(0);

  const highlightSelection = useRef<(s: TextSelectionInfo) => void>(() => {});
  const editor = useReaderEditor(text, paragraphs, {
    onSelectionKey(key, selection) {
      if (!reader) return false;
      if (key === 'c' || key === 'enter') {
        setComposer({ kind: 'new', selection });
        return true;
      }
      if (key === 'h') {
        highlightSelection.current(selection);
        return true;
      }
      return false;
    },
    onHighlightClick(ids) {
      const id = ids.filter((x) => x !== draftId).at(-1);
      if (!id) return;
      setFocusedId(id);
      const card = cardEls.current.get(id);
      card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      card?.focus({ preventScroll: true });
    },
  });
  const { view, positions } = editor;

  // Anchor every note on the text: position first, then quote (a note whose offsets drifted is found again).
  // Unchanged notes keep their object across room changes, so each is anchored once, not on every change.
  const anchored = useMemo(() => new WeakMap<PassageAnnotation, Placed | null>(), [text, positions]);
  const placed = useMemo(() => {
    const out = new Map<string, Placed | null>();
    for (const a of room.annotations.values()) {
      if (!isPassageAnnotation(a)) continue;
      let p = anchored.get(a);
      if (p === undefined) {
        const anchor = anchorSelectors(text, a.target.selector);
        p = anchor && {
          annotation: a,
          ...positions.toPmRange(anchor.range),
          paragraph: positions.paragraphIndexAt(anchor.range.start) + 1,
        };
        anchored.set(a, p);
      }
      out.set(a.id, p);
    }
    return out;
  }, [room.annotations, text, positions, anchored]);

  // Replies by the note they answer, oldest first.
  const replies = useMemo(() => {
    const out = new Map<string, ReplyAnnotation[]>();
    for (const a of room.annotations.values()) {
      if (isPassageAnnotation(a)) continue;
      const list = out.get(a.target) ?? [];
      list.push(a);
      out.set(a.target, list);
    }
    for (const list of out.values()) list.sort((x, y) => x.created.localeCompare(y.created));
    return out;
  }, [room.annotations]);

  // Push only the highlights that changed into the editor's plugin state.
  const painted = useRef(new Map<string, string>());
  useEffect(() => {
    if (!view) return;
    const upserts: Highlight[] = [];
    const seen = new Set<string>();
    for (const [id, p] of placed) {
      if (!p) continue;
      seen.add(id);
      const first = tagsOf(p.annotation)[0];
      const color = tint(first ? (room.tags.get(first)?.color ?? colorFor(first)) : untaggedColor, 0.32);
      const key = `${p.from}:${p.to}:${color}`;
      if (painted.current.get(id) !== key) {
        upserts.push({ id, from: p.from, to: p.to, color });
        painted.current.set(id, key);
      }
    }
    const removed = [...painted.current.keys()].filter((id) => !seen.has(id));
    for (const id of removed) painted.current.delete(id);
    if (upserts.length) view.dispatch(view.state.tr.setMeta(highlightKey, { type: 'upsert', highlights: upserts }));
    if (removed.length) view.dispatch(view.state.tr.setMeta(highlightKey, { type: 'remove', ids: removed }));
  }, [placed, room.tags, view]);

  useEffect(() => {
    if (view) view.dispatch(view.state.tr.setMeta(highlightKey, { type: 'focus', id: focusedId }));
  }, [focusedId, view]);

  // While a new note is being written, its passage stays marked (the browser's selection is gone with the focus).
  const draft = composer?.kind === 'new' ? composer.selection : null;
  useEffect(() => {
    if (!view || !draft) return;
    view.dispatch(view.state.tr.setMeta(highlightKey, { type: 'upsert', highlights: [{ id: draftId, from: draft.from, to: draft.to, color: draftColor }] }));
    return () => {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightKey, { type: 'remove', ids: [draftId] }));
    };
  }, [draft, view]);

  // A new view starts with no decorations: forget what was painted into the old one.
  useEffect(() => () => painted.current.clear(), [view]);

  // Lay the cards out level with their passages.
  useLayoutEffect(() => {
    const margin = marginRef.current;
    if (!view || !margin) return;
    const base = margin.getBoundingClientRect().top;
    const boxes = [];
    for (const [id, p] of placed) {
      const el = cardEls.current.get(id);
      const desiredTop = p ? view.coordsAtPos(p.from).top - base : Number.MAX_SAFE_INTEGER / 2;
      boxes.push({ id, desiredTop, height: el?.offsetHeight ?? 120 });
    }
    const next = layoutCards(boxes);
    const same = next.size === tops.size && [...next].every(([id, t]) => Math.abs((tops.get(id) ?? -1) - t) < 1);
    if (!same) setTops(next);
  });

  // Passages move whenever the text reflows: a resize, a late web font, or off-screen paragraphs (skipped by
  // content-visibility) getting their real height as the reader scrolls. All of these change the text's height.
  useEffect(() => {
    if (!view) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setLayoutTick((n) => n + 1));
    });
    observer.observe(view.dom);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [view]);
  void layoutTick;

  const lastRefusal = room.refusals.at(-1);
  useEffect(() => {
    if (!lastRefusal) return;
    const what = lastRefusal.key && room.annotations.has(lastRefusal.key) ? 'Your change was not saved' : 'Your note was not saved';
    setNotice(`${what}: ${lastRefusal.reason}.`);
    // Only a new refusal (its sequence number) opens the notice; the map changing does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastRefusal?.seq]);

  const client = room.client;
  const me = reader ?? null;

  const writeNote = useCallback(
    (annotation: PassageAnnotation) => {
      if (!client) return;
      client.doc.transact(() => {
        for (const name of tagsOf(annotation))
          if (!client.tags.has(name)) client.tags.set(name, { label: name, color: colorFor(name) });
        client.annotations.set(annotation.id, annotation);
      });
    },
    [client],
  );

  const createNote = useCallback(
    (selection: TextSelectionInfo, comment: string, tagNames: string[]) => {
      if (!me) return;
      const annotation = buildPassageAnnotation({
        id: `a-${crypto.randomUUID()}`,
        documentId,
        creator: { id: me.id, name: me.name },
        text,
        range: selection.range,
        comment,
        tags: tagNames,
        now: new Date(),
      });
      writeNote(annotation);
      setComposer(null);
      setFocusedId(annotation.id);
      editor.collapseSelection();
      view?.focus();
    },
    [me, documentId, text, writeNote, editor, view],
  );
  highlightSelection.current = (selection) => createNote(selection, '', []);

  const deleteNote = useCallback(
    (annotation: Annotation) => {
      if (!client) return;
      client.annotations.delete(annotation.id);
      if (undo) window.clearTimeout(undo.timer);
      const timer = window.setTimeout(() => setUndo(null), undoWindowMs);
      setUndo({ annotation, timer });
      if (focusedId === annotation.id) setFocusedId(null);
    },
    [client, undo, focusedId],
  );

  const undoDelete = useCallback(() => {
    if (!undo || !client) return;
    window.clearTimeout(undo.timer);
    if (isPassageAnnotation(undo.annotation)) writeNote(undo.annotation);
    else client.annotations.set(undo.annotation.id, undo.annotation);
    setUndo(null);
  }, [undo, client, writeNote]);

  useEffect(() => {
    if (!undo) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !(e.target as HTMLElement).closest('textarea, input')) {
        e.preventDefault();
        undoDelete();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, undoDelete]);

  const activateCard = (p: Placed | null | undefined, id: string) => {
    setFocusedId(id);
    if (!p || !view) return;
    const dom = view.domAtPos(p.from);
    const el = (dom.node.nodeType === 1 ? dom.node : dom.node.parentElement) as HTMLElement | null;
    if (el) scrollToCentre(el);
    for (const span of view.dom.querySelectorAll<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`)) {
      span.classList.remove('hl-flash');
      void span.offsetWidth; // restart the animation
      span.classList.add('hl-flash');
    }
  };

  // A link to a note (`/d/<id>#<annotationId>`, the card's time is one) opens the text at that note, once the
  // note has arrived from the room; following another such link on the page does the same.
  const [linkedId, setLinkedId] = useState<string | null>(null);
  useEffect(() => {
    const read = () => setLinkedId(decodeURIComponent(window.location.hash.slice(1)) || null);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  useEffect(() => {
    const p = linkedId ? placed.get(linkedId) : undefined;
    if (!linkedId || !p || !view) return;
    setLinkedId(null);
    activateCard(p, linkedId);
    cardEls.current.get(linkedId)?.focus({ preventScroll: true });
    // activateCard is recreated each render; only a newly linked or newly arrived note should trigger this.
  }, [linkedId, placed, view]);

  const selection = editor.selection;
  const popupPos = useMemo(() => {
    if (!selection || !view || composer) return null;
    const end = view.coordsAtPos(selection.to);
    return { top: end.bottom + window.scrollY + 6, left: end.left + window.scrollX };
  }, [selection, view, composer]);

  const composerTop = (() => {
    if (!composer || !view || !marginRef.current) return 0;
    const from = composer.kind === 'new' ? composer.selection.from : placed.get(composer.annotation.id)?.from;
    if (from === undefined) return 0;
    return view.coordsAtPos(from).top - marginRef.current.getBoundingClientRect().top;
  })();

  const metaEntries = Object.entries(metadata).filter(([k]) => k !== 'title' && k !== 'author');
  // Replies whose note was deleted stay in the room (and in exports): shown together under the text.
  const removedThreads = [...replies.entries()].filter(([parentId]) => !room.annotations.has(parentId));
  const orphans = [...placed.entries()].filter(([, p]) => p === null).map(([id]) => room.annotations.get(id));
  const passageNotes = [...placed.entries()];

  return (
    <div className="reader-page">
      <header className="reader-header">
        <Link href="/" className="back">
          ← Library
        </Link>
        <PresenceList peers={room.peers} status={room.status} />
        {reader && (
          <button type="button" className="link" onClick={() => setRenaming(true)}>
            You are {reader.name}
          </button>
        )}
      </header>
      {(reader === null || renaming) && (
        <NamePrompt
          initial={reader?.name}
          onChoose={(name) => {
            chooseName(name);
            setRenaming(false);
          }}
          onCancel={reader ? () => setRenaming(false) : undefined}
        />
      )}
      <main className="reader-body">
        <section className="reader-column">
          <hgroup className="doc-title">
            <h1>{title}</h1>
            {author && <p className="doc-author">by {author}</p>}
          </hgroup>
          {metaEntries.length > 0 && (
            <dl className="doc-meta" aria-label="About this text">
              {metaEntries.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          <div ref={editor.mountRef} className="reader-mount" data-testid="reader-text" />
          {removedThreads.length > 0 && (
            <section className="removed-threads" aria-label="Replies to removed notes" data-testid="removed-threads">
              <h2>Replies to removed notes</h2>
              {removedThreads.map(([parentId, list]) => (
                <article key={parentId} className="removed-thread">
                  <p className="empty">A note was removed; its replies are kept.</p>
                  <ReplyThread replies={list} myId={me?.id ?? null} onReply={null} onDelete={(reply) => deleteNote(reply)} />
                </article>
              ))}
            </section>
          )}
        </section>
        <aside className="margin" ref={marginRef} aria-label="Notes">
          {room.status === 'connected' && room.annotations.size === 0 && !composer && (
            <p className="empty margin-empty">No notes yet. Select a passage to comment on it or highlight it.</p>
          )}
          {passageNotes.map(([id, p]) => {
            const a = (p?.annotation ?? room.annotations.get(id)) as PassageAnnotation;
            if (composer?.kind === 'edit' && composer.annotation.id === id) return null;
            return (
              <NoteCard
                key={id}
                annotation={a}
                tags={room.tags}
                replies={replies.get(id) ?? []}
                myId={me?.id ?? null}
                focused={focusedId === id}
                orphan={!p}
                paragraph={p?.paragraph ?? null}
                top={tops.get(id) ?? 0}
                onActivate={() => activateCard(p, id)}
                onEdit={() => setComposer({ kind: 'edit', annotation: a })}
                onDelete={() => deleteNote(a)}
                onReply={(replyText) => {
                  if (!client || !me) return;
                  const reply = buildReply({ id: `a-${crypto.randomUUID()}`, parentId: id, creator: { id: me.id, name: me.name }, text: replyText, now: new Date() });
                  client.annotations.set(reply.id, reply);
                }}
                onDeleteReply={(reply) => deleteNote(reply)}
                cardRef={(el) => {
                  if (el) cardEls.current.set(id, el);
                  else cardEls.current.delete(id);
                }}
              />
            );
          })}
          {composer && (
            <div className="composer-slot" style={{ top: composerTop }}>
              {composer.kind === 'new' ? (
                <Composer
                  quote={text.slice(composer.selection.range.start, composer.selection.range.end)}
                  roomTags={room.tags}
                  saveLabel="Save note"
                  onSave={(comment, tagNames) => createNote(composer.selection, comment, tagNames)}
                  onCancel={() => {
                    setComposer(null);
                    view?.focus();
                  }}
                />
              ) : (
                <Composer
                  quote={composer.annotation.target.selector[0].exact}
                  initialComment={commentOf(composer.annotation)}
                  initialTags={tagsOf(composer.annotation)}
                  roomTags={room.tags}
                  saveLabel="Save changes"
                  onSave={(comment, tagNames) => {
                    writeNote(editPassageAnnotation(composer.annotation, comment, tagNames, new Date()));
                    setComposer(null);
                  }}
                  onCancel={() => setComposer(null)}
                />
              )}
            </div>
          )}
        </aside>
      </main>
      {popupPos && reader && (
        <div className="selection-popup" style={{ top: popupPos.top, left: popupPos.left }} role="toolbar" aria-label="Annotate the selection">
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => selection && setComposer({ kind: 'new', selection })}>
            Comment <kbd>C</kbd>
          </button>
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => selection && highlightSelection.current(selection)}>
            Highlight <kbd>H</kbd>
          </button>
        </div>
      )}
      {orphans.length > 0 && <p className="sr-only">{orphans.length} notes could not be placed in the text.</p>}
      <div className="toasts" aria-live="polite">
        {undo && (
          <div className="toast" role="status">
            {undo.annotation.motivation === 'replying' ? 'Reply deleted.' : 'Note deleted.'}
            <button type="button" onClick={undoDelete}>
              Undo
            </button>
          </div>
        )}
        {notice && (
          <div className="toast error" role="alert">
            {notice}
            <button type="button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        {room.saving.state !== 'ok' && (
          <div className="toast warning" role="status" data-testid="saving-paused">
            {room.saving.state === 'read-only'
              ? `Saving is off: ${room.saving.reason}. Your new notes stay in this browser until the server can save again.`
              : `Saving is paused: ${room.saving.reason}. Your notes stay in this browser and are saved as soon as the server can.`}
          </div>
        )}
        {room.status === 'unknown-document' && (
          <div className="toast error" role="alert">
            The live room for this document is not available; notes cannot be shown or saved.
          </div>
        )}
      </div>
    </div>
  );
}

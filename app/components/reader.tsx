'use client';
/**
 * The reader of one document: the text (read-only ProseMirror), its notes as highlights and margin cards, the
 * selection popup and composer, presence, and undo of one's own deletes. This component composes one hook per
 * concern (room, notes store, anchoring, highlights, margin layout, undo, deep links) and renders; every write to
 * the room goes through the notes store (lib/collab/notes-store.ts).
 */
import Link from 'next/link';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { commentOf, tagsOf } from '../../lib/annotations/build-annotation.ts';
import { can, type Role } from '../../lib/access/roles.ts';
import {
  facetCounts,
  filterFromParams,
  filterToParams,
  isFiltering,
  matchesFilter,
  noFilter,
  type NoteFilter,
} from '../../lib/annotations/note-filter.ts';
import { noteTypeOf, type NoteType } from '../../lib/annotations/note-types.ts';
import type { ReactionKind } from '../../lib/annotations/reactions.ts';
import { incomingLinks, type LinkType } from '../../lib/annotations/links.ts';
import type { Annotation, PassageAnnotation } from '../../lib/annotations/schema.ts';
import { mergeNotes } from '../../lib/collab/merge-notes.ts';
import type { ReaderBlock } from '../../lib/editor/build-reader-doc.ts';
import { distinctColors } from '../../lib/tags/palette.ts';
import { themeDensity } from '../../lib/tags/theme-map.ts';
import type { Chapter } from '../../lib/text/document-model.ts';
import { formatLocator, locate, paragraphNumbers } from '../../lib/text/locator.ts';
import { jumpTargets, neighbours } from '../../lib/text/outline-nav.ts';
import { AccountStatus } from './account-status.tsx';
import { InboxButton } from './inbox-button.tsx';
import { useMentionMembers } from './mentions-store.ts';
import { Composer } from './composer.tsx';
import { FindBar } from './find-bar.tsx';
import type { ModerationAction } from './moderation-controls.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteSheetBar, passageBox, scrollAboveSheet, useNoteSheet } from './note-sheet.tsx';
import { PresenceList } from './presence-list.tsx';
import { PresenceLayer } from './presence-layer.tsx';
import { SpotlightActions } from './spotlight-actions.tsx';
import { ReaderNav } from './reader-nav.tsx';
import { ExportButton } from './export-dialog.tsx';
import { PrintNotes } from './print-notes.tsx';
import { ReplyThread } from './reply-thread.tsx';
import { SelectionPopup } from './selection-popup.tsx';
import { useAnchoring, type Placed } from './use-anchoring.ts';
import { useDeepLink } from './use-deep-link.ts';
import { useFind } from './use-find.ts';
import { draftId, useHighlightSync } from './use-highlight-sync.ts';
import { useMarginLayout } from './use-margin-layout.ts';
import { useNotesStore } from './use-notes-store.ts';
import { useOutline } from './use-outline.ts';
import { useReaderEditor, type TextSelectionInfo } from './use-reader-editor.ts';
import { useReaderIdentity } from './use-reader-identity.ts';
import { offsetAtTop, useReadingPosition } from './use-reading-position.ts';
import { useRoom } from './use-room.ts';
import { BlindBar, useBlindReading } from './blind-reading.tsx';
import { offsetAtBottom, SpoilerGuardSetting, SpoilerGuardStatus, useReadingOn, useSpoilerGuard } from './spoiler-guard.tsx';
import { type BlindMode, effectiveBlindMode } from '../../lib/annotations/blind.ts';
import { useSmallScreen } from './use-small-screen.ts';
import { useUndoDelete } from './use-undo-delete.ts';
import { deleteTheme, mergeTheme, restoreTheme, type DeletedTheme } from './theme-requests.ts';
import { ThemesPanel } from './themes-panel.tsx';
import { FilterPanel } from './filter-panel.tsx';
import { ThemeMap } from './theme-map.tsx';
import { KeyboardHelp } from './keyboard-help.tsx';
import { useNoteSearch } from './use-note-search.ts';
import { searchLimits } from '../../lib/limits.ts';
import { ReadingPathBar, useReadingPath } from './reading-path.tsx';
import { CoOccurrenceMatrix, ThemePassages } from './themes-view.tsx';
import { LiveRegion } from './live-region.tsx';
import { useAnnouncements } from './use-announcements.ts';
import { useNoteKeys } from './use-note-keys.ts';
import { ImportNotes } from './import-notes.tsx';
import { MeetingBar, MeetingButton } from './meeting-panel.tsx';
import { useMeeting } from './use-meeting.ts';
import { AgendaPanel, AgendaToggle } from './agenda-panel.tsx';
import { CurrentQuestionBar } from './current-question-bar.tsx';
import { useAgenda } from './use-agenda.ts';

export interface ReaderProps {
  documentId: string;
  title: string;
  author: string | null;
  metadata: Record<string, string>;
  text: string;
  /** The blocks of the text (typed, with their ¶ numbers; bare paragraph spans for old callers). */
  paragraphs: ReaderBlock[];
  /** The outline: chapters as offsets into the text (none for a text without chapters). */
  chapters?: Chapter[];
  /** The reader's role on the document (the server's rule; the room enforces it again). */
  role?: Role;
  /** Creators of notes from before accounts (their notes are read-only, marked "from before accounts"). */
  legacyCreators?: readonly string[];
  /** Whether the room starts blind (lib/annotations/blind.ts). */
  blindMode?: BlindMode;
}

const noReplies: readonly never[] = [];
const noChapters: Chapter[] = [];

/** A note as one line names it in a list or a link: its comment, else its passage, cut to `length`. */
function excerptOf(a: PassageAnnotation, length: number): string {
  return (commentOf(a) || a.target.selector[0].exact).slice(0, length);
}
const noLegacy: readonly string[] = [];

type ComposerState = { kind: 'new'; selection: TextSelectionInfo } | { kind: 'edit'; annotation: PassageAnnotation };

/**
 * Scrolls an element of the text to the middle of the window. Should the first jump land off (a late font or a
 * busy machine still laying out), it is repeated, frame after frame, until it holds or a second has passed.
 */
function scrollToCentre(el: HTMLElement, until = performance.now() + 1000): void {
  el.scrollIntoView({ block: 'center', behavior: 'instant' });
  requestAnimationFrame(() => {
    const { top, bottom } = el.getBoundingClientRect();
    const off = top < 0 || bottom > window.innerHeight;
    if (off && performance.now() < until) scrollToCentre(el, until);
  });
}

/** A function whose identity never changes and that always runs the latest `fn` (for memoised children). */
function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  ref.current = fn;
  return useCallback((...args: A) => ref.current(...args), []);
}

export function Reader({
  documentId,
  title,
  author,
  metadata,
  text,
  paragraphs,
  chapters = noChapters,
  role: initialRole = 'viewer',
  legacyCreators = noLegacy,
  blindMode = 'off',
}: ReaderProps) {
  const reader = useReaderIdentity();
  const [role, setRole] = useState<Role>(initialRole);
  // What this reader may do here: the same rule the room enforces (lib/access/roles.ts).
  const canWrite = !!reader && can(role, 'annotate');
  const canModerate = !!reader && can(role, 'moderate');
  const blind = useBlindReading(documentId, blindMode);
  const guard = useSpoilerGuard(documentId, !!reader);
  const room = useRoom(documentId, reader, 'shared', blind.chosen, guard.joinKey);
  const meeting = useMeeting(documentId, room.client, canModerate);
  // Who may be mentioned here: the composer's @ autocomplete and the mentions drawn in cards.
  useMentionMembers(documentId, reader?.id ?? null);
  // The server moved this reader to another role (a group's owner changed it, or the text's access changed): the
  // socket has joined again under it, and the page now offers what it allows.
  useEffect(() => {
    if (room.accessChanges === 0) return;
    let live = true;
    void fetch(`/api/documents/${encodeURIComponent(documentId)}`, { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<{ access?: { role?: Role }; blindMode?: BlindMode }>) : null))
      .then((body) => {
        if (live && body?.access?.role) setRole(body.access.role);
        if (live && body?.blindMode) blind.setRoomFromServer(body.blindMode);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [room.accessChanges, documentId, blind.setRoomFromServer]);
  const { store, notes: sharedNotes } = useNotesStore(room.client, documentId, text);
  // The reader's private layer (only a signed-in writer has one): shown with the shared notes, marked private.
  const privateRoom = useRoom(documentId, canWrite ? reader : undefined, 'private');
  const { store: privateStore, notes: privateNotes } = useNotesStore(privateRoom.client, documentId, text);
  const notes = useMemo(() => mergeNotes(sharedNotes, privateNotes), [sharedNotes, privateNotes]);
  const isPrivateNote = (id: string) => privateNotes.annotations.has(id) && !sharedNotes.annotations.has(id);
  const legacy = useMemo(() => new Set(legacyCreators), [legacyCreators]);
  const [themesOpen, setThemesOpen] = useState(false);
  const agenda = useAgenda(documentId, room.client, room.status);
  const [helpOpen, setHelpOpen] = useState(false);
  // `?` opens the keyboard help, from anywhere but a field being typed in.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return;
      // The read-only text is contenteditable only for its caret: ? works there too.
      if ((e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"]:not(.reader-text)')) return;
      e.preventDefault();
      setHelpOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The sticky theme: every passage this reader marks gets it until they stop (CATMA users' "active tag").
  const [sticky, setSticky] = useState<string | null>(null);
  // The last theme deleted, while its delete can be undone.
  const [themeUndo, setThemeUndo] = useState<DeletedTheme | null>(null);
  // A sticky theme merged away or deleted (by anyone) stops.
  useEffect(() => {
    if (sticky && sharedNotes.tags.size > 0 && !sharedNotes.tags.has(sticky)) setSticky(null);
  }, [sticky, sharedNotes.tags]);
  /** Runs a theme change the server makes (merge, delete, undo) and says how it went. */
  const themeAction = async (action: () => Promise<unknown>, done: string | null) => {
    try {
      await action();
      if (done) setNotice(null);
    } catch (err) {
      setNotice(`The theme could not be changed: ${(err as Error).message}`);
    }
  };
  // How many of the room's notes carry each theme (the Themes panel: a theme in use is not deleted).
  const themeUsage = useMemo(
    () => (themesOpen ? facetCounts(sharedNotes.passages.values()).themes : new Map<string, number>()),
    [sharedNotes, themesOpen],
  );
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [flash, setFlash] = useState<{ id: string; seq: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const marginRef = useRef<HTMLDivElement | null>(null);
  // Small screens: the margin is a bottom sheet (note-sheet.tsx), open on one note or the composer at a time.
  const small = useSmallScreen();
  const [sheetOpen, setSheetOpen] = useState(false);
  const sheetTitleId = useId();
  const undo = useUndoDelete(store, privateStore);
  const me = reader ?? null;
  const myId = me?.id ?? null;

  const highlightSelection = useRef<(s: TextSelectionInfo) => void>(() => {});
  const editor = useReaderEditor(text, paragraphs, {
    onSelectionKey(key, selection) {
      if (!canWrite) return false;
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
      if (small) setSheetOpen(true);
      else margin.reveal({ id, scroll: true, focus: true });
    },
  });
  const { view, positions } = editor;

  // Structure: the blocks' ¶ numbers and the chapters, for the outline and each card's locator ("ch. 3, ¶ 12").
  const structure = useMemo(() => {
    const blocks = paragraphs.map((p) => ({
      type: p.type ?? 'paragraph',
      start: p.start,
      end: p.end,
      ...(p.level ? { level: p.level } : {}),
    }));
    return { blocks, numbers: paragraphNumbers(blocks, chapters), targets: jumpTargets(chapters, blocks) };
  }, [paragraphs, chapters]);
  const locatorAt = useCallback(
    (offset: number) => formatLocator(locate(offset, structure.blocks, chapters, structure.numbers)),
    [structure, chapters],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cache whenever the outline or the positions change, so no locator outlives the text it was computed for
  const locators = useMemo(() => new WeakMap<Placed, string>(), [locatorAt, positions]);
  const locatorOf = useCallback(
    (p: Placed) => {
      let l = locators.get(p);
      if (l === undefined) locators.set(p, (l = locatorAt(positions.toOffset(p.from))));
      return l;
    },
    [locators, locatorAt, positions],
  );
  const outline = useOutline(view, positions, chapters);
  const { previous, next } = neighbours(outline.current, structure.targets);
  const reading = useReadingPosition(documentId, view, positions);
  useReadingOn(guard, view, positions);
  const find = useFind(view, text, positions, () => (view ? (offsetAtTop(view, positions) ?? 0) : 0));

  // Readers present get distinct colours (the same on every client); readers who left keep their hashed one.
  const peerIds = room.peers
    .map((p) => p.id)
    .sort()
    .join('\n');
  const readerColors = useMemo(() => distinctColors(peerIds ? peerIds.split('\n') : []), [peerIds]);

  // Offline: the socket closed after the room was live (a first connection is "Connecting…", not offline).
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (room.status === 'connected') setWasLive(true);
  }, [room.status]);
  const offline = room.status === 'disconnected' || (wasLive && room.status === 'connecting');

  // Filters (kept in the URL, so a filtered view is a link): they narrow the highlights, the margin and the list.
  const [filter, setFilter] = useState<NoteFilter>(noFilter);
  const [filterOpen, setFilterOpen] = useState(false);
  useEffect(() => {
    setFilter(filterFromParams(new URLSearchParams(window.location.search)));
  }, []);
  const changeFilter = useCallback((next: NoteFilter) => {
    setFilter(next);
    const query = filterToParams(next, new URLSearchParams(window.location.search)).toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
  }, []);
  const filtering = isFiltering(filter);
  // Words are searched here, over the notes this reader holds, up to a size; past it the server searches the shared
  // notes (use-note-search.ts) and this reader's private notes are still searched here. Same meaning either way.
  const searchViewer = useMemo(() => ({ id: myId, moderator: canModerate }), [myId, canModerate]);
  const serverSearch = useNoteSearch(documentId, filter.q, sharedNotes.passages.size > searchLimits.serverSearchFromNotes, sharedNotes);
  const serverRoots = serverSearch.status === 'done' || serverSearch.status === 'searching' ? serverSearch.roots : null;
  const visiblePassages = useMemo(() => {
    if (!filtering) return notes.passages;
    const kept = new Map<string, PassageAnnotation>();
    for (const [id, note] of notes.passages) {
      // Without an answer yet (or after a failure) the server's words do not narrow; the other facets still do.
      const here = serverSearch.status === 'off' || !sharedNotes.passages.has(id);
      if (!matchesFilter(note, notes.replies.get(id) ?? noReplies, filter, searchViewer, here)) continue;
      if (here || !serverRoots || serverRoots.has(id)) kept.set(id, note);
    }
    return kept;
  }, [notes, sharedNotes, filter, filtering, searchViewer, serverSearch.status, serverRoots]);
  const placed = useAnchoring(visiblePassages, text, positions);
  // The theme map and the co-occurrence table follow the filter (what is shown is what is mapped).
  const mapBins = 120;
  const density = useMemo(
    () => (small ? new Map() : themeDensity(visiblePassages.values(), text.length, mapBins)),
    [visiblePassages, text, small],
  );
  const draft = composer?.kind === 'new' ? composer.selection : null;
  useHighlightSync({ view, placed, tags: notes.tags, focusedId, flash, draft });
  const margin = useMarginLayout(view, marginRef, placed, focusedId);
  // The filter panel's counts and list: over every note, so computed when the notes or the filter change and only
  // while the panel is open, not on every render of the reader (opening the keyboard help re-sorted 10,000 notes).
  const facets = useMemo(() => (filterOpen ? facetCounts(notes.passages.values()) : null), [filterOpen, notes.passages]);
  const matches = useMemo(
    () =>
      filterOpen
        ? [...placed.entries()]
            .filter((e): e is [string, Placed] => !!e[1])
            .sort(([, a], [, b]) => a.from - b.from)
            .map(([id]) => id)
        : [],
    [filterOpen, placed],
  );
  // A match's line is made only when the panel lists it (a few hundred at a time, not every note shown).
  const matchLine = useCallback(
    (id: string) => {
      const p = placed.get(id);
      return p ? { locator: locatorOf(p), excerpt: excerptOf(p.annotation, 90) } : { locator: '', excerpt: '' };
    },
    [placed, locatorOf],
  );
  // Stable, so the memoised panel re-renders only when what it shows changes.
  const searchStatus = serverSearch.status;
  const searchError = serverSearch.status === 'error' ? serverSearch.error : null;
  const panelSearch = useMemo(
    () => (searchStatus === 'error' ? { status: searchStatus, error: searchError ?? '' } : { status: searchStatus }),
    [searchStatus, searchError],
  );
  const closeFilter = useCallback(() => setFilterOpen(false), []);

  const lastRefusal = room.refusals.at(-1);
  // Private notes being shared: kept until the room has either taken them or refused them (then they go back).
  const sharing = useRef(new Map<string, Annotation>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new refusal (its sequence number) opens the notice; the notes changing do not
  useEffect(() => {
    if (!lastRefusal) return;
    const unshared = lastRefusal.key ? sharing.current.get(lastRefusal.key) : undefined;
    if (unshared) {
      sharing.current.delete(unshared.id);
      privateStore?.put(unshared);
    }
    const what = lastRefusal.key && notes.annotations.has(lastRefusal.key) ? 'Your change was not saved' : 'Your note was not saved';
    setNotice(`${what}: ${lastRefusal.reason}.`);
  }, [lastRefusal?.seq]);

  const createNote = (
    selection: TextSelectionInfo,
    comment: string,
    givenTags: string[],
    keepPrivate = false,
    type: NoteType = 'comment',
  ) => {
    const target = keepPrivate ? privateStore : store;
    if (!me || !target) return;
    const tagNames = sticky && !givenTags.includes(sticky) ? [...givenTags, sticky] : givenTags;
    const annotation = target.create({ creator: { id: me.id, name: me.name }, range: selection.range, comment, tags: tagNames, type });
    setComposer(null);
    setFocusedId(annotation.id);
    // The new note's card is brought into view; the keyboard stays in the text (H after H makes highlights).
    if (small) setSheetOpen(true);
    else margin.reveal({ id: annotation.id, scroll: true, focus: false });
    editor.collapseSelection();
    view?.focus();
  };
  highlightSelection.current = (selection) => createNote(selection, '', []);

  const flashSeq = useRef(0);
  /** Focuses a note, scrolls its passage to the middle of the window and flashes it. */
  const activateCard = useStable((id: string) => {
    setFocusedId(id);
    const p = placed.get(id);
    if (!p || !view) return;
    const dom = view.domAtPos(p.from);
    const el = (dom.node.nodeType === 1 ? dom.node : dom.node.parentElement) as HTMLElement | null;
    // On a small screen the passage goes above the note sheet, not to the middle of the window where the sheet is.
    if (small) scrollAboveSheet(passageBox(view, p.from, p.to));
    else if (el) scrollToCentre(el);
    setFlash({ id, seq: ++flashSeq.current });
  });
  /** Opens a note from a list or the theme map: its passage in the middle, its card shown (the focus stays). */
  const openFromList = useStable((id: string) => {
    activateCard(id);
    margin.reveal({ id, scroll: false, focus: false });
  });
  const editCard = useStable((id: string) => {
    const a = notes.passages.get(id);
    if (a) setComposer({ kind: 'edit', annotation: a });
  });
  const removeNote = undo.remove;
  const deleteCard = useStable((id: string) => {
    removeNote(id);
    if (focusedId === id) setFocusedId(null);
  });
  const replyTo = useStable((id: string, replyText: string) => {
    if (me) store?.reply({ parentId: id, creator: { id: me.id, name: me.name }, text: replyText });
  });
  // Links between notes: who links to each note, how each note is named in a link, and which notes may be linked.
  const linksIn = useMemo(() => incomingLinks(notes.passages.values()), [notes.passages]);
  const describeNote = useStable((id: string) => {
    const p = placed.get(id);
    const a = notes.passages.get(id);
    if (!a) return null;
    return { id, locator: p ? locatorOf(p) : '', excerpt: excerptOf(a, 60) };
  });
  const linkCandidates = useStable((id: string) =>
    [...notes.passages.values()]
      .filter((a) => a.id !== id)
      .sort((x, y) => x.target.selector[1].start - y.target.selector[1].start)
      .map((a) => describeNote(a.id))
      .filter((n): n is NonNullable<typeof n> => n !== null),
  );
  const linkNote = useStable((id: string, target: string, type: LinkType | null) => {
    store?.link(id, target, type);
  });
  const reactTo = useStable((id: string, kind: ReactionKind | null) => {
    if (me) store?.react(id, kind, { id: me.id, name: me.name });
  });
  const setThread = useStable((id: string, mark: { state: 'resolved' | 'answered'; answer?: string } | null) => {
    if (me) store?.setThread(id, mark, { id: me.id, name: me.name });
  });
  const moderateNote = useStable((id: string, action: ModerationAction) => {
    if (me) store?.moderate(id, action, { id: me.id, name: me.name });
  });
  /** Moves a private note into the room: same id and times; back to private should the room refuse it. */
  const shareNote = useStable((id: string) => {
    const note = privateNotes.annotations.get(id);
    if (!note || !store || !privateStore) return;
    sharing.current.set(id, note);
    store.put(note);
    privateStore.delete(id);
    setNotice(null);
  });

  // Keyboard and screen readers: J/K step through the notes shown; the live region says the room's changes.
  const announcements = useAnnouncements({ client: room.client, notes: sharedNotes, tags: notes.tags, peers: room.peers, myId });
  useNoteKeys({
    view,
    placed,
    small,
    announce: announcements.announce,
    onGo(id) {
      activateCard(id);
      if (small) setSheetOpen(true);
      else margin.reveal({ id, scroll: false, focus: true });
    },
  });

  // The agenda's Answer: the question's card, its reply box open (asked of the card by a count, as R does).
  const [answerAsk, setAnswerAsk] = useState<{ id: string; seq: number } | null>(null);
  const answerQuestion = useStable((id: string) => {
    activateCard(id);
    if (small) setSheetOpen(true);
    else margin.reveal({ id, scroll: false, focus: true });
    setAnswerAsk((a) => ({ id, seq: (a?.seq ?? 0) + 1 }));
  });
  const goToQuestion = useStable((id: string) => {
    openFromList(id);
    if (small) setSheetOpen(true);
  });

  useDeepLink(placed, !!view, (id) => {
    activateCard(id);
    if (small) setSheetOpen(true);
    else margin.reveal({ id, scroll: false, focus: true });
  });

  // The Themes view's reading path (reading-path.tsx): a theme's passages in text order, a step at a time.
  const readingPath = useReadingPath(placed, (id, focusCard) => {
    activateCard(id);
    if (small) setSheetOpen(true);
    else margin.reveal({ id, scroll: false, focus: focusCard });
  });

  const selection = editor.selection;

  // What the note sheet shows on a small screen: the composer, else the focused note once asked for, else nothing.
  const sheetContent = !small ? null : composer ? 'composer' : sheetOpen && focusedId && notes.passages.has(focusedId) ? focusedId : null;
  const sheetPassage = composer
    ? composer.kind === 'new'
      ? composer.selection
      : placed.get(composer.annotation.id)
    : sheetContent
      ? placed.get(sheetContent)
      : null;
  const closeSheet = () => {
    setSheetOpen(false);
    setComposer(null);
  };
  useNoteSheet({
    ref: marginRef,
    content: sheetContent,
    passage: () => (view && sheetPassage ? passageBox(view, sheetPassage.from, sheetPassage.to) : null),
    onClose: closeSheet,
  });

  const composerFrom = composer
    ? composer.kind === 'new'
      ? composer.selection.from
      : placed.get(composer.annotation.id)?.from
    : undefined;
  const topOf = margin.topOf;
  // biome-ignore lint/correctness/useExhaustiveDependencies: placements moving (placed) moves the composer with its passage
  const composerTop = useMemo(() => (composerFrom === undefined ? 0 : topOf(composerFrom)), [composerFrom, topOf, placed]);

  const metaEntries = Object.entries(metadata).filter(([k]) => k !== 'title' && k !== 'author');
  // Replies whose note was deleted stay in the room (and in exports): shown together under the text.
  const removedThreads = [...notes.replies.entries()].filter(([parentId]) => !notes.annotations.has(parentId));
  let orphans = 0;
  for (const p of placed.values()) if (!p) orphans++;

  return (
    <div className="reader-page">
      <header className="reader-header">
        <Link href="/" className="back">
          ← Library
        </Link>
        <PresenceList peers={room.peers} status={room.status} colors={readerColors} canHide={!!reader} />
        <AccountStatus />
        <ReaderNav
          inbox={<InboxButton client={room.client} />}
          chapters={chapters}
          current={outline.current}
          previous={previous}
          next={next}
          onJump={outline.jumpTo}
          onFind={find.open}
          onThemes={() => setThemesOpen((open) => !open)}
          onFilter={() => setFilterOpen((open) => !open)}
          filtering={filtering}
          continueAt={reading.offer === null ? null : locatorAt(reading.offer) || 'where you left off'}
          onContinue={reading.resume}
          onDismissContinue={reading.dismiss}
          tools={
            <>
              <AgendaToggle state={agenda} canEdit={canModerate} />
              <MeetingButton meeting={meeting} />
              <ExportButton documentId={documentId} signedIn={!!reader} />
              <PrintNotes title={title} author={author} placed={placed} replies={notes.replies} locatorOf={locatorOf} />
              {canWrite && <ImportNotes documentId={documentId} selection={editor.selection?.range ?? null} />}
            </>
          }
        />
        {filtering && (
          <p className="filter-status" role="status" data-testid="filter-status">
            Showing {visiblePassages.size} of {notes.passages.size} notes.{' '}
            <button type="button" className="link small" onClick={() => changeFilter(noFilter)}>
              Clear the filter
            </button>
          </p>
        )}
        {filterOpen && (
          <FilterPanel
            filter={filter}
            onChange={changeFilter}
            counts={facets!}
            tags={notes.tags}
            matches={matches}
            lineOf={matchLine}
            total={notes.passages.size}
            onOpen={openFromList}
            onClose={closeFilter}
            search={panelSearch}
          />
        )}
        {themesOpen && (
          <ThemesPanel
            tags={sharedNotes.tags}
            usage={themeUsage}
            canGovern={canModerate}
            canWrite={canWrite}
            sticky={sticky}
            onSticky={setSticky}
            onChange={(name, patch) => store?.updateTag(name, patch)}
            onMerge={(name, into) => void themeAction(() => mergeTheme(documentId, name, into), `Merged into ${into}.`)}
            onDelete={(name) =>
              void themeAction(async () => {
                const deleted = await deleteTheme(documentId, name);
                setThemeUndo(deleted);
              }, null)
            }
            passages={
              <ThemePassages
                placed={placed}
                tags={notes.tags}
                locatorOf={locatorOf}
                filtering={filtering}
                active={{ theme: readingPath.theme, id: readingPath.steps[readingPath.index ?? -1]?.id ?? null }}
                onStart={(theme, id) => {
                  setThemesOpen(false);
                  readingPath.start(theme, id);
                }}
              />
            }
            matrix={
              <CoOccurrenceMatrix
                placed={placed}
                tags={notes.tags}
                filtering={filtering}
                onOpen={(a, b) => {
                  changeFilter({ ...noFilter, together: [a, b] });
                  setThemesOpen(false);
                  setFilterOpen(true);
                }}
              />
            }
            onClose={() => setThemesOpen(false)}
          />
        )}
        <ReadingPathBar
          path={readingPath}
          tags={notes.tags}
          locatorOf={locatorOf}
          offer={filter.themes.length === 1 ? filter.themes[0]! : null}
        />
        <CurrentQuestionBar state={agenda} canWrite={canWrite} canEdit={canModerate} onGo={goToQuestion} onAnswer={answerQuestion} />
        {agenda.panelOpen && (
          <AgendaPanel
            state={agenda}
            canEdit={canModerate}
            selection={editor.selection?.range ?? null}
            notes={sharedNotes.passages}
            locatorAt={locatorAt}
            text={text}
            onGo={goToQuestion}
            onClose={() => agenda.setPanelOpen(false)}
          />
        )}
        <PresenceLayer
          documentId={documentId}
          client={room.client}
          reader={reader}
          view={view}
          positions={positions}
          blocks={paragraphs}
          selection={editor.selection?.range ?? null}
          colors={readerColors}
          canModerate={canModerate}
          locatorAt={locatorAt}
        />
        {find.state.open && (
          <FindBar
            state={find.state}
            focusSeq={find.focusSeq}
            onQuery={find.setQuery}
            onNext={find.next}
            onPrevious={find.previous}
            onClose={find.close}
          />
        )}
        {offline && (
          <p className="offline-banner" role="alert" data-testid="offline-banner">
            <strong>Offline</strong> — new notes are kept in this browser and sent when the connection returns.
          </p>
        )}
        {sticky && canWrite && (
          <p className="sticky-theme" role="status" data-testid="sticky-theme">
            <span className="theme-swatch" style={{ background: sharedNotes.tags.get(sticky)?.color }} aria-hidden /> Every passage you mark
            gets <strong>{sharedNotes.tags.get(sticky)?.label ?? sticky}</strong>.{' '}
            <button type="button" className="link small" onClick={() => setSticky(null)}>
              Stop
            </button>
          </p>
        )}
        {reader !== undefined && !canWrite && (
          <p className="reading-only-banner" data-testid="reading-only">
            {reader ? (
              <>
                You are a <strong>viewer</strong> here: you can read the text and follow the notes as they are written.
              </>
            ) : (
              <>
                You are reading without an account.{' '}
                <a href={`/sign-in?next=${encodeURIComponent(`/d/${documentId}`)}`}>Sign in to annotate</a>
              </>
            )}
          </p>
        )}
      </header>
      <MeetingBar meeting={meeting} signedIn={!!reader} jumps={{ view, positions, locatorAt, onOpenNote: openFromList }} />
      {/* Below the header, not in it: the header stays one line on a phone. */}
      {reader !== undefined && (
        <>
          <BlindBar
            blind={blind}
            role={role}
            signedIn={!!reader}
            withheld={sharedNotes.withheld}
            revealed={room.revealed}
            settings={
              reader ? (
                <SpoilerGuardSetting
                  guard={guard}
                  here={() => (view ? offsetAtBottom(view, positions) : null)}
                  locatorAt={locatorAt}
                  chapters={chapters}
                />
              ) : null
            }
          />
          <SpoilerGuardStatus
            guard={guard}
            withheld={effectiveBlindMode({ room: blind.room, chosen: blind.chosen, role }) === 'off' ? sharedNotes.withheld : 0}
            locatorAt={locatorAt}
          />
        </>
      )}
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
      <ThemeMap density={density} bins={mapBins} tags={notes.tags} onJump={openFromList} />
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
                  <ReplyThread replies={list} myId={myId} colors={readerColors} onReply={null} onDelete={(reply) => removeNote(reply.id)} />
                </article>
              ))}
            </section>
          )}
        </section>
        <aside
          className={small ? 'margin note-sheet' : 'margin'}
          ref={marginRef}
          aria-label="Notes"
          {...(small
            ? { role: 'region', 'aria-labelledby': sheetTitleId, tabIndex: -1, hidden: !sheetContent, 'data-testid': 'note-sheet' }
            : {})}
        >
          {sheetContent && (
            <NoteSheetBar
              titleId={sheetTitleId}
              label={composer ? (composer.kind === 'new' ? 'New note' : 'Edit note') : 'Note'}
              onClose={closeSheet}
            />
          )}
          {room.status === 'connected' && notes.annotations.size === 0 && !composer && (
            <p className="empty margin-empty">No notes yet. Select a passage to comment on it or highlight it.</p>
          )}
          {(small ? (sheetContent && !composer ? [sheetContent] : []) : margin.rendered).map((id) => {
            const p = placed.get(id);
            const a = p?.annotation ?? notes.passages.get(id);
            if (!a || (composer?.kind === 'edit' && composer.annotation.id === id)) return null;
            return (
              <NoteCard
                key={id}
                canWrite={canWrite}
                canModerate={canModerate}
                legacy={legacy.has(a.creator.id)}
                isPrivate={isPrivateNote(id)}
                onShare={shareNote}
                onModerate={moderateNote}
                onThread={setThread}
                reactions={notes.reactions.get(id)}
                onReact={reactTo}
                incomingLinks={linksIn.get(id)}
                describeNote={describeNote}
                linkCandidates={linkCandidates}
                onLink={linkNote}
                annotation={a}
                tags={notes.tags}
                replies={notes.replies.get(id) ?? noReplies}
                myId={myId}
                focused={focusedId === id}
                orphan={!p}
                locator={p ? locatorOf(p) : null}
                colors={readerColors}
                top={margin.tops.get(id) ?? 0}
                onActivate={activateCard}
                onEdit={editCard}
                onDelete={deleteCard}
                onReply={replyTo}
                onDeleteReply={removeNote}
                registerCard={margin.registerCard}
                replyAsk={answerAsk?.id === id ? answerAsk.seq : 0}
              />
            );
          })}
          {composer && (
            <div className="composer-slot" style={{ top: composerTop }}>
              {composer.kind === 'new' ? (
                <Composer
                  quote={text.slice(composer.selection.range.start, composer.selection.range.end)}
                  roomTags={notes.tags}
                  saveLabel="Save note"
                  offerPrivate={!!privateStore}
                  onSave={(comment, tagNames, keepPrivate, type) => createNote(composer.selection, comment, tagNames, keepPrivate, type)}
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
                  roomTags={notes.tags}
                  saveLabel="Save changes"
                  initialType={noteTypeOf(composer.annotation) ?? 'comment'}
                  onSave={(comment, tagNames, _keepPrivate, type) => {
                    (isPrivateNote(composer.annotation.id) ? privateStore : store)?.edit(
                      composer.annotation.id,
                      comment,
                      tagNames,
                      new Date(),
                      type,
                    );
                    setComposer(null);
                  }}
                  onCancel={() => setComposer(null)}
                />
              )}
            </div>
          )}
        </aside>
      </main>
      {selection && view && !composer && canWrite && (
        <SelectionPopup
          view={view}
          selection={selection}
          onComment={() => setComposer({ kind: 'new', selection })}
          onHighlight={() => highlightSelection.current(selection)}
        >
          {canModerate && <SpotlightActions documentId={documentId} range={selection.range} />}
        </SelectionPopup>
      )}
      {orphans > 0 && <p className="sr-only">{orphans} notes could not be placed in the text.</p>}
      <LiveRegion message={announcements.message} />
      <div className="toasts" aria-live="polite">
        {undo.pending && (
          <div className="toast" role="status">
            {undo.pending.annotation.motivation === 'replying' ? 'Reply deleted.' : 'Note deleted.'}
            <button type="button" onClick={undo.undo}>
              Undo
            </button>
          </div>
        )}
        {themeUndo && (
          <div className="toast" role="status" data-testid="theme-undo">
            Theme {themeUndo.tag.label} deleted
            {themeUndo.notes.length ? ` from ${themeUndo.notes.length} note${themeUndo.notes.length === 1 ? '' : 's'}` : ''}.
            <button
              type="button"
              onClick={() => {
                const deleted = themeUndo;
                setThemeUndo(null);
                void themeAction(() => restoreTheme(documentId, deleted), null);
              }}
            >
              Undo
            </button>
            <button type="button" onClick={() => setThemeUndo(null)}>
              Dismiss
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
        {room.status === 'no-access' && (
          <div className="toast error" role="alert" data-testid="no-access-toast">
            You can no longer read or write in this room (you were signed out or removed from its group). Reload to see what you may read.
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

'use client';
/**
 * Presence where people read, following, and the facilitator's spotlight, in the reader (issue 11). This component
 * owns the reader's presence channel (lib/presence/presence-channel.ts): it says where this reader reads (the
 * reading line, paced under the room's rate), what they select and whether they are idle; it draws the other readers
 * as avatars and tints through the presence plugin (lib/editor/presence-plugin.ts) once per frame, never through
 * React state (50 moving readers must not re-render the reader); it runs the follow state machine
 * (lib/presence/follow-state.ts) and shows the "Following Ada — Stop" bar; and it shows the spotlight banner, moves
 * followers (and everyone, for a gather) to a spotlight, and makes the passage glow.
 */
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PositionMap } from '../../lib/anchoring/position-map.ts';
import type { TextRange } from '../../lib/anchoring/types.ts';
import type { RoomClient, RoomReader } from '../../lib/collab/room-client.ts';
import { dispatchPresence, followEventName, type AvatarView } from '../../lib/editor/presence-plugin.ts';
import { spotlightSchema, type Spotlight } from '../../lib/meetings/spotlight.ts';
import { type FollowEvent, type FollowState, followStep, type Leader, notFollowing } from '../../lib/presence/follow-state.ts';
import { initialsOf, onePerPerson, placeAvatars, type PlacementBlock, type PresencePeer } from '../../lib/presence/placement.ts';
import { keyScrollsPage, pressOnPageScrollbar } from '../../lib/presence/manual-scroll.ts';
import { PresenceChannel } from '../../lib/presence/presence-channel.ts';
import { offsetAtReadingLine, scrollToReading } from './presence-scroll.ts';
import { onFollowRequest, setFollowing, useInvisible } from './presence-store.ts';
import { useRoomNotice } from './use-room-notice.ts';

/** No input, scroll or focus for this long and the reader shows as idle. */
export const idleAfterMs = 60_000;

export interface PresenceLayerProps {
  documentId: string;
  client: RoomClient | null;
  /** This reader (null: not signed in, not shown; undefined: not known yet). */
  reader: RoomReader | null | undefined;
  view: EditorView | null;
  positions: PositionMap;
  blocks: readonly PlacementBlock[];
  /** This reader's selection in the text, or null. */
  selection: TextRange | null;
  /** Readers' colours, distinct in the room. */
  colors: ReadonlyMap<string, string>;
  canModerate: boolean;
  /** "ch. 3, ¶ 12" for a text offset. */
  locatorAt(offset: number): string;
}

/** The spotlight shown: where this reader was before a gather moved them, and whether it moved them at all. */
type Banner = { spotlight: Spotlight; returnTo: number | null; moved: boolean } | null;

export function PresenceLayer({
  documentId,
  client,
  reader,
  view,
  positions,
  blocks,
  selection,
  colors,
  canModerate,
  locatorAt,
}: PresenceLayerProps) {
  const invisible = useInvisible();
  const invisibleRef = useRef(invisible);
  invisibleRef.current = invisible;
  const [follow, setFollow] = useState<FollowState>(notFollowing);
  const [said, setSaid] = useState('');
  const [banner, setBanner] = useState<Banner>(null);
  const followRef = useRef<FollowState>(notFollowing);
  const peersRef = useRef<PresencePeer[]>([]);
  const channelRef = useRef<PresenceChannel | null>(null);
  const frame = useRef(0);
  const selfId = reader?.id ?? null;
  const latest = useRef({ view, positions, blocks, colors, selfId });
  latest.current = { view, positions, blocks, colors, selfId };

  /** Runs one event through the follow state machine and does what it says. */
  const step = useCallback((event: FollowEvent) => {
    const { view: v, positions: p, blocks: b, selfId: me } = latest.current;
    const next = followStep(followRef.current, event, me);
    if (next.state !== followRef.current) {
      followRef.current = next.state;
      setFollow(next.state);
      setFollowing(next.state.mode === 'following' ? next.state.leader.id : null);
    }
    if (next.scrollTo !== null && v) scrollToReading(v, p, b, next.scrollTo);
    if (next.say) setSaid(next.say);
    return next;
  }, []);

  /**
   * Whether a pointer is down: ProseMirror reads the selection a click makes when the button comes up, and a
   * transaction that redraws the paragraph under it in between (an avatar moving there) lost the click's caret — it
   * fell back to the start of the text. Drawing waits for the button to come up.
   */
  const pointerDown = useRef(false);

  /** Draws the other readers (avatars, tints) and moves a follower, at most once a frame. */
  const draw = useCallback(() => {
    frame.current = 0;
    const { view: v, positions: p, blocks: b, colors: c, selfId: me } = latest.current;
    if (!v || v.isDestroyed || pointerDown.current) return;
    const peers = peersRef.current;
    const state = followRef.current;
    const leaderId = state.mode === 'following' ? state.leader.id : null;
    const avatar = (peer: PresencePeer): AvatarView => ({
      id: peer.id,
      name: peer.name,
      initials: initialsOf(peer.name),
      color: c.get(peer.id) ?? peer.color,
      idle: peer.idle,
      followed: peer.id === leaderId,
    });
    const stacks = placeAvatars(peers, b, me, 2).map((s) => ({
      pos: p.toPmPos(Math.min(s.start, p.textLength), 'start'),
      shown: s.shown.map(avatar),
      more: s.more.map(avatar),
    }));
    const people = onePerPerson(peers).filter((peer) => peer.id !== me);
    const selections = people.flatMap((peer) => {
      const cur = peer.cursor;
      if (!cur || cur.anchor === cur.head) return [];
      const start = Math.min(cur.anchor, cur.head);
      const end = Math.min(Math.max(cur.anchor, cur.head), p.textLength);
      if (start >= end) return [];
      const r = p.toPmRange({ start, end });
      return [{ id: peer.id, from: r.from, to: r.to, color: c.get(peer.id) ?? peer.color, followed: peer.id === leaderId }];
    });
    dispatchPresence(v, { type: 'readers', stacks, selections });
    if (leaderId) {
      const leader = people.find((peer) => peer.id === leaderId);
      step(leader ? { type: 'leader-moved', leaderId, reading: leader.reading } : { type: 'leader-left', leaderId });
    }
  }, [step]);
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  // The channel: this reader's presence out, the others' in.
  useEffect(() => {
    // A reader without an account sees the others and may follow them, but sends nothing (user null).
    if (!client || reader === undefined) return;
    const user = reader ? { id: reader.id, name: reader.name, color: reader.color } : null;
    const channel = new PresenceChannel(client.provider.awareness, user);
    channelRef.current = channel;
    channel.setVisible(!invisibleRef.current);
    const stop = channel.onPeers((peers) => {
      peersRef.current = peers;
      schedule();
    });
    return () => {
      stop();
      channel.destroy();
      channelRef.current = null;
      peersRef.current = [];
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [client, reader, schedule]);

  useEffect(() => {
    const down = () => {
      pointerDown.current = true;
    };
    const up = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      schedule();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    window.addEventListener('blur', up); // a button released outside the window
    return () => {
      window.removeEventListener('blur', up);
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, [schedule]);

  // Redrawn when the colours or the text's layout change, or another reader is followed.
  const leaderId = follow.mode === 'following' ? follow.leader.id : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: these are what the drawing reads through `latest`
  useEffect(() => schedule(), [schedule, colors, view, positions, blocks, leaderId]);

  useEffect(() => {
    channelRef.current?.setVisible(!invisible);
  }, [invisible]);

  // Where this reader reads: read at the reading line once scrolling gives a frame (and on resizes).
  useEffect(() => {
    if (!view || !client || !reader) return;
    let pending = 0;
    let retries = 0;
    const measure = () => {
      pending = 0;
      const reading = offsetAtReadingLine(view, positions, blocks);
      if (reading !== null) {
        retries = 0;
        channelRef.current?.set({ reading });
      } else if (retries++ < 30) pending = requestAnimationFrame(measure); // a section being drawn: next frame
    };
    const onScroll = () => {
      retries = 0;
      if (!pending) pending = requestAnimationFrame(measure);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    const first = window.setTimeout(onScroll, 200);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      window.clearTimeout(first);
      if (pending) cancelAnimationFrame(pending);
    };
  }, [view, positions, blocks, client, reader]);

  // What this reader selects.
  const selStart = selection?.start ?? null;
  const selEnd = selection?.end ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new channel sends the selection too
  useEffect(() => {
    channelRef.current?.set({ cursor: selStart === null || selEnd === null ? null : { anchor: selStart, head: selEnd } });
  }, [selStart, selEnd, client, reader]);

  // Idle: no input or scroll for a minute, or the tab hidden.
  useEffect(() => {
    if (!client || !reader) return;
    let timer = 0;
    const active = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === 'hidden') {
        channelRef.current?.set({ idle: true });
        return;
      }
      channelRef.current?.set({ idle: false });
      timer = window.setTimeout(() => channelRef.current?.set({ idle: true }), idleAfterMs);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll', 'focus'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    document.addEventListener('visibilitychange', active);
    active();
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, active);
      document.removeEventListener('visibilitychange', active);
    };
  }, [client, reader]);

  /** Follows (or stops following) the reader `id`, if they are here. */
  const followById = useCallback(
    (id: string) => {
      const peer = onePerPerson(peersRef.current).find((p) => p.id === id);
      if (!peer) return;
      const leader: Leader = { id: peer.id, name: peer.name };
      step({ type: 'follow', leader, reading: peer.reading });
    },
    [step],
  );

  // Follow requests: an avatar pressed in the text, a name in who's here.
  useEffect(() => {
    const stopList = onFollowRequest(followById);
    if (!view) return stopList;
    const onAvatar = (e: Event) => {
      const id = (e as CustomEvent<{ id?: unknown }>).detail?.id;
      if (typeof id === 'string') followById(id);
    };
    view.dom.addEventListener(followEventName, onAvatar);
    return () => {
      stopList();
      view.dom.removeEventListener(followEventName, onAvatar);
    };
  }, [view, followById]);

  // While following: a scroll by hand (wheel, touch, keys, the scrollbar) stops it, and so does Esc.
  const following = follow.mode === 'following';
  useEffect(() => {
    if (!following) return;
    const manual = () => step({ type: 'manual-scroll' });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        step({ type: 'stop' });
        return;
      }
      const target = e.target as HTMLElement | null;
      const inControl = !!target?.closest('input, textarea, select, button, [role="listbox"]');
      if (keyScrollsPage({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inControl })) manual();
    };
    const onPress = (e: PointerEvent) => {
      const root = document.documentElement;
      const press = { pointerType: e.pointerType, onRoot: e.target === root, x: e.clientX, y: e.clientY };
      if (pressOnPageScrollbar(press, root.clientWidth, root.clientHeight)) manual();
    };
    window.addEventListener('wheel', manual, { passive: true });
    window.addEventListener('touchmove', manual, { passive: true });
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPress, true);
    return () => {
      window.removeEventListener('wheel', manual);
      window.removeEventListener('touchmove', manual);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPress, true);
    };
  }, [following, step]);

  // The spotlight standing when this reader joins (offered, not jumped to), then the room's spotlights live.
  useEffect(() => {
    let live = true;
    void fetch(`/api/documents/${encodeURIComponent(documentId)}/spotlight`, { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<{ spotlight?: unknown }>) : null))
      .then((body) => {
        const parsed = spotlightSchema.nullable().safeParse(body?.spotlight ?? null);
        if (live && parsed.success && parsed.data) setBanner((b) => b ?? { spotlight: parsed.data!, returnTo: null, moved: false });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [documentId]);
  useRoomNotice(client, 'spotlight', ({ spotlight }) => {
    if (!spotlight) {
      setBanner(null);
      return;
    }
    const { view: v, positions: p, blocks: b } = latest.current;
    const here = v ? offsetAtReadingLine(v, p, b) : null;
    const by = spotlight.by;
    // The facilitator who set it is where it is already.
    if (by.id === latest.current.selfId) {
      setBanner({ spotlight, returnTo: null, moved: true });
      return;
    }
    const facilitator = onePerPerson(peersRef.current).find((peer) => peer.id === by.id);
    const byReading = facilitator?.reading ?? null;
    const moved = step({ type: 'spotlight', by, start: spotlight.start, gather: spotlight.gather, byReading }).scrollTo !== null;
    setBanner({ spotlight, returnTo: moved && spotlight.gather ? here : null, moved });
  });

  // The spotlighted passage glows.
  const glowFrom = banner?.spotlight.start ?? null;
  const glowTo = banner?.spotlight.end ?? null;
  useEffect(() => {
    if (!view) return;
    const range =
      glowFrom === null || glowTo === null || glowTo > positions.textLength ? null : positions.toPmRange({ start: glowFrom, end: glowTo });
    dispatchPresence(view, { type: 'spotlight', range });
  }, [view, positions, glowFrom, glowTo]);

  const goToSpotlight = () => {
    if (!banner || !view) return;
    if (followRef.current.mode === 'following') step({ type: 'stop' });
    scrollToReading(view, positions, blocks, banner.spotlight.start);
  };
  const goBack = () => {
    if (!banner || banner.returnTo === null || !view) return;
    scrollToReading(view, positions, blocks, banner.returnTo);
    setBanner({ ...banner, returnTo: null });
  };
  const clear = () => {
    void fetch(`/api/documents/${encodeURIComponent(documentId)}/spotlight`, { method: 'DELETE' }).then((res) => {
      if (res.ok || res.status === 204) setBanner(null);
    });
  };

  const quote = banner ? banner.spotlight.exact.replace(/\s+/g, ' ').trim() : '';
  const shortQuote = quote.length > 60 ? `${quote.slice(0, 60)}…` : quote;

  return (
    <>
      {follow.mode === 'following' && (
        <p className="follow-bar" role="status" data-testid="follow-bar">
          <span className="presence-dot" style={{ background: colors.get(follow.leader.id) }} aria-hidden /> Following{' '}
          <strong>{follow.leader.name}</strong> —{' '}
          <button type="button" className="link small" onClick={() => step({ type: 'stop' })}>
            Stop
          </button>{' '}
          <kbd>Esc</kbd>
        </p>
      )}
      {banner && (
        <p className="spotlight-banner" role="status" data-testid="spotlight-banner">
          <span>
            <strong>{banner.spotlight.by.name}</strong> {banner.spotlight.gather ? 'gathered everyone at' : 'spotlighted'}{' '}
            {locatorAt(banner.spotlight.start) || 'a passage'}: <q>{shortQuote}</q>
          </span>
          {banner.returnTo !== null ? (
            <button type="button" className="link small" onClick={goBack}>
              Back to where I was
            </button>
          ) : (
            !banner.moved && (
              <button type="button" className="link small" onClick={goToSpotlight}>
                Go there
              </button>
            )
          )}
          <button type="button" className="link small" onClick={() => setBanner(null)}>
            Dismiss
          </button>
          {canModerate && (
            <button type="button" className="link small" onClick={clear}>
              Clear the spotlight
            </button>
          )}
        </p>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {said}
      </p>
    </>
  );
}

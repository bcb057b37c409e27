/**
 * One reader's presence in a room, both ways, over a y-websocket `Awareness`: what this reader says (where they
 * read, what they select, whether they are idle) goes out paced under the server's rate limit (send-pacer.ts), the
 * latest state winning; going invisible removes the state at once (others see the reader leave); and the other
 * readers' states come in parsed (presence-state.ts), never trusted raw. Framework-free, so the reader's hooks and the
 * presence benchmark's 50 simulated readers use the same code.
 */
import type { Awareness } from 'y-protocols/awareness';
import { parsePresenceState, type PresenceState, type PresenceUser } from '../collab/presence-state.ts';
import type { PresencePeer } from './placement.ts';
import { newPacer, pace, type PacerState } from './send-pacer.ts';

/** What this reader says besides who they are. */
export interface PresenceFields {
  reading: number | null;
  idle: boolean;
  cursor: { anchor: number; head: number } | null;
}

export interface PresenceChannelOptions {
  now?: () => number;
}

/** The other readers' presence in `awareness`, parsed (states that do not parse are left out), this client excluded. */
export function peersOf(awareness: Awareness): PresencePeer[] {
  const peers: PresencePeer[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const state = parsePresenceState(raw);
    if (!state) continue;
    peers.push({
      clientId,
      id: state.user.id,
      name: state.user.name,
      color: state.user.color,
      reading: state.reading ?? null,
      idle: state.idle ?? false,
      cursor: state.cursor ?? null,
    });
  }
  return peers;
}

export class PresenceChannel {
  private fields: PresenceFields = { reading: null, idle: false, cursor: null };
  private visible = true;
  private pacer: PacerState;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastSent = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  /** `user` null: a reader who is not shown (not signed in); nothing is ever sent. */
  constructor(
    private readonly awareness: Awareness,
    private readonly user: PresenceUser | null,
    options: PresenceChannelOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.pacer = newPacer(this.now());
  }

  /** Changes what this reader says; sent at once while the rate allows, else as soon as it does (latest wins). */
  set(fields: Partial<PresenceFields>): void {
    this.fields = { ...this.fields, ...fields };
    this.flush();
  }

  /** Shows or hides this reader: hidden, the room holds no state of theirs at all (removed for everyone at once). */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      this.cancel();
      this.lastSent = '';
      if (this.awareness.getLocalState() !== null) this.awareness.setLocalState(null);
    } else this.flush();
  }

  /** The state this reader would send now, or null (invisible, or not shown). */
  state(): PresenceState | null {
    if (!this.user || !this.visible) return null;
    const { reading, idle, cursor } = this.fields;
    return parsePresenceState({ user: this.user, reading, idle, cursor });
  }

  /** Calls `listener` whenever another reader's presence changes (arrives, moves, leaves). */
  onPeers(listener: (peers: PresencePeer[]) => void): () => void {
    const onChange = (change: { added: number[]; updated: number[]; removed: number[] }) => {
      const me = this.awareness.clientID;
      if ([...change.added, ...change.updated, ...change.removed].some((id) => id !== me)) listener(peersOf(this.awareness));
    };
    this.awareness.on('change', onChange);
    return () => this.awareness.off('change', onChange);
  }

  destroy(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    if (this.timer !== null) return; // a send is due; it will carry the latest fields
    const state = this.state();
    if (!state) return;
    const json = JSON.stringify(state);
    if (json === this.lastSent) return;
    const now = this.now();
    const step = pace(this.pacer, now, this.lastSentAt);
    if (step.sendIn > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, step.sendIn);
      return;
    }
    this.pacer = step.state;
    this.lastSentAt = now;
    this.lastSent = json;
    this.awareness.setLocalState(state);
  }
}

/**
 * Makes a stock `WebsocketProvider` send only this client's own presence. y-websocket re-sends every awareness change
 * it applies, other readers' included, so each message the room fans out to N readers came back N times (dropped by
 * the room's gate, but read): 50 readers moving 9 times a second were ~22,000 echoes a second. Returns the undo.
 */
export function sendOwnPresenceOnly(provider: {
  awareness: Awareness;
  _awarenessUpdateHandler: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
}): () => void {
  const relay = provider._awarenessUpdateHandler;
  const own = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const me = provider.awareness.clientID;
    const mine = (ids: number[]) => ids.filter((id) => id === me);
    const change = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    // Set, renewed or removed (on leaving, with the provider's own origins): sent; anyone else's: not.
    if (change.added.length + change.updated.length + change.removed.length > 0) relay(change, origin);
  };
  provider.awareness.off('update', relay);
  provider.awareness.on('update', own);
  return () => provider.awareness.off('update', own);
}

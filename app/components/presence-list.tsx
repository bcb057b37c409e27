'use client';
/** Who is in the room now (awareness), and whether this page is live. */
import { presenceColorSchema } from '../../lib/collab/presence-state.ts';
import { requestFollow, setInvisible, useFollowing, useInvisible } from './presence-store.ts';
import type { RoomState } from './use-room.ts';

/** A reader's colour: the one distinct in the room when given, else their own if it is a colour at all. */
function colorOf(p: RoomState['peers'][number], colors: ReadonlyMap<string, string> | undefined): string | undefined {
  return colors?.get(p.id) ?? (presenceColorSchema.safeParse(p.color).success ? p.color : undefined);
}

const statusText: Record<RoomState['status'], string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Offline — reconnecting…',
  'unknown-document': 'This document is not served by the room server',
  'no-access': 'No access',
};

/**
 * Who is here. Another reader's name is a button that follows them (presence-layer.tsx); a signed-in reader
 * (`canHide`) can go invisible, and back.
 */
export function PresenceList({
  peers,
  status,
  colors,
  canHide = false,
}: Pick<RoomState, 'peers' | 'status'> & { colors?: ReadonlyMap<string, string>; canHide?: boolean }) {
  const invisible = useInvisible();
  const following = useFollowing();
  return (
    <div className="presence">
      <span className={`status status-${status}`} role="status" data-testid="room-status">
        {statusText[status]}
      </span>
      <ul aria-label="Readers here" className="peers" data-testid="peers">
        {peers.map((p) => (
          <li key={p.id} title={p.self ? `${p.name} (you)` : p.name}>
            {/* peers are parsed already; the colour is checked again here because it goes into a style */}
            <span className="dot" style={{ background: colorOf(p, colors) }} aria-hidden />
            {p.self ? (
              `${p.name} (you)`
            ) : (
              <button
                type="button"
                className="peer-follow"
                aria-pressed={following === p.id}
                aria-label={following === p.id ? `Stop following ${p.name}` : `Follow ${p.name}`}
                onClick={() => requestFollow(p.id)}
              >
                {p.name}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canHide && (
        <button
          type="button"
          className="link small presence-visibility"
          aria-pressed={invisible}
          data-testid="presence-visibility"
          title={invisible ? 'Nobody sees you here or where you read. Press to be seen again.' : 'Others see you here and where you read.'}
          onClick={() => setInvisible(!invisible)}
        >
          {invisible ? 'Invisible' : 'Hide me'}
        </button>
      )}
      {/* Small screens show a count instead of the names (the header has room for one line). */}
      <span className="peer-count" data-testid="peer-count" title={peers.map((p) => p.name).join(', ')}>
        {peers.length} here
      </span>
    </div>
  );
}

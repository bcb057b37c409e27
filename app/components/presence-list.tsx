'use client';
/** Who is in the room now (awareness), and whether this page is live. */
import { presenceColorSchema } from '../../lib/collab/presence-state.ts';
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

export function PresenceList({ peers, status, colors }: Pick<RoomState, 'peers' | 'status'> & { colors?: ReadonlyMap<string, string> }) {
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
            {p.name}
            {p.self ? ' (you)' : ''}
          </li>
        ))}
      </ul>
      {/* Small screens show a count instead of the names (the header has room for one line). */}
      <span className="peer-count" data-testid="peer-count" title={peers.map((p) => p.name).join(', ')}>
        {peers.length} here
      </span>
    </div>
  );
}

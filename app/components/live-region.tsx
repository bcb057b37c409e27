'use client';
/**
 * The reader's one polite live region: screen readers say each announcement once, after what they are reading.
 * Each announcement is a new element (keyed by its sequence number), so the same sentence twice is said twice.
 */
import type { Announcement } from './use-announcements.ts';

export function LiveRegion({ message }: { message: Announcement | null }) {
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {message && <p key={message.seq}>{message.text}</p>}
    </div>
  );
}

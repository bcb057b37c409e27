/**
 * When each writer's recent new notes were added, for the per-minute quota. A signed-in user is one writer however
 * many tabs, rooms or tokens they write through (one window per user, shared by every room of the process); a
 * browser-claimed or anonymous reader is counted per connection, since nothing proves two connections are one person.
 */

const windowMs = 60_000;

export class NoteRate {
  private readonly byUser = new Map<string, number[]>();

  /** Whether `times` (a window) may take one more note now; records it when it may. */
  static take(times: number[], perMinute: number, now = Date.now()): boolean {
    while (times.length && now - times[0] > windowMs) times.shift();
    if (times.length >= perMinute) return false;
    times.push(now);
    return true;
  }

  /** The window of a signed-in user (made on first use; idle windows are dropped as others are asked for). */
  windowOf(userId: string, now = Date.now()): number[] {
    let times = this.byUser.get(userId);
    if (!times) {
      if (this.byUser.size > 1000)
        for (const [id, t] of this.byUser) if (!t.length || now - t[t.length - 1] > windowMs) this.byUser.delete(id);
      this.byUser.set(userId, (times = []));
    }
    return times;
  }
}

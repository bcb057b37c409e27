/** A short local date and time for note headers ("Nov 25, 07:05 PM"). */
export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

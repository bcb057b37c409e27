/**
 * One formatter for every note and reply header: building an Intl.DateTimeFormat is costly (toLocaleString makes
 * one per call), and a margin of thousands of cards would build thousands.
 */
const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A short local date and time for note headers ("Nov 25, 07:05 PM"). */
export function formatWhen(iso: string): string {
  return when.format(new Date(iso));
}

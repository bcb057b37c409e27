/** How the group pages run a change and report it: one line of feedback, confirmed (status) or refused (alert). */
import { GroupRequestError } from './group-requests.ts';

/** A line of feedback after an action, or none. */
export type GroupMessage = { kind: 'ok' | 'error'; text: string } | null;

/** The text to show for a failed request. */
export const failureText = (err: unknown) => (err instanceof GroupRequestError ? err.message : String(err));

/** Runs a request and reports it with `say` (`okText`, or the server's reason); true when it succeeded. */
export async function attempt(run: () => Promise<unknown>, say: (message: GroupMessage) => void, okText: string): Promise<boolean> {
  try {
    await run();
    say({ kind: 'ok', text: okText });
    return true;
  } catch (err) {
    say({ kind: 'error', text: failureText(err) });
    return false;
  }
}

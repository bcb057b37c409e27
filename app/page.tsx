/**
 * The library: every text the reader may read, grouped by reading group, with its author, size and notes and replies; adding texts (file, drop, paste), renaming,
 * deleting with Undo. The list is read here, on the server, so it is there on first paint; the client part
 * (app/components/library-view.tsx) keeps it fresh.
 */
import { headers } from 'next/headers';
import { databaseMode, getDb } from '../db/client.ts';
import { resolvePrincipal } from '../db/principal.ts';
import { readableDocuments, type LibraryEntry } from '../db/queries/library.ts';
import { AccountStatus } from './components/account-status.tsx';
import { InboxButton } from './components/inbox-button.tsx';
import { LibraryView } from './components/library-view.tsx';

export const dynamic = 'force-dynamic';

export default async function LibraryPage() {
  // The library shows each reader what they may read (a group's texts only to its members), grouped by group.
  const principal = await resolvePrincipal(new Headers(await headers()));
  const userId = principal && !('error' in principal) ? principal.userId : null;
  let documents: LibraryEntry[] | null = null;
  let loadError: string | null = null;
  let readOnly = false;
  try {
    documents = readableDocuments(getDb(), userId);
    readOnly = databaseMode().readOnly;
  } catch (err) {
    console.error('the library could not be read', err);
    loadError = 'The library could not be read from the database. Try again in a moment.';
  }
  return (
    <main className="library">
      <header className="library-header">
        <h1>Glossa</h1>
        <p className="tagline">Close reading, together.</p>
        <AccountStatus />
        <InboxButton />
      </header>
      <LibraryView initial={documents} loadError={loadError} readOnly={readOnly} />
    </main>
  );
}

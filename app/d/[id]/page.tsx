/**
 * The reader of one document: the server loads it from SQLite, checks who may read it (the same rule as the live
 * room and the HTTP routes), and the client mounts the editor and the room with the caller's role.
 */
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client.ts';
import { resolvePrincipal } from '../../../db/principal.ts';
import { roleOnDocument } from '../../../db/queries/access.ts';
import { blindModeOf } from '../../../db/queries/blind-mode.ts';
import { legacyCreatorsOf } from '../../../db/queries/annotations.ts';
import { documentStructure, getDocument, getDocumentHeading } from '../../../db/queries/documents.ts';
import { readerBlocks } from '../../../lib/editor/build-reader-doc.ts';
import { AccountStatus } from '../../components/account-status.tsx';
import { Reader } from '../../components/reader.tsx';

export const dynamic = 'force-dynamic';

/** The caller's id (null when not signed in) and role on the document; found false for an unknown document. */
async function callerRole(id: string) {
  const principal = await resolvePrincipal(new Headers(await headers()));
  const userId = principal && !('error' in principal) ? principal.userId : null;
  return { userId, found: roleOnDocument(getDb(), id, userId) };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { found } = await callerRole(id);
  const doc = found.found && found.role ? getDocumentHeading(getDb(), id) : null;
  return { title: doc ? `${doc.title} — Glossa` : 'Glossa' };
}

export default async function ReaderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { userId, found } = await callerRole(id);
  if (!found.found) notFound();
  if (!found.role) {
    // A group's text: say so, without its title, and offer what may help (signing in, or asking the group).
    return (
      <main className="library">
        <header className="library-header">
          <h1>Glossa</h1>
          <AccountStatus />
        </header>
        <h2>This text belongs to a reading group</h2>
        <p className="empty" data-testid="no-access">
          {userId
            ? 'Only its members can read it. Ask the group’s owner for an invitation link.'
            : 'Sign in to read it if you are a member of its group.'}
        </p>
        <p>
          {!userId && <a href={`/sign-in?next=${encodeURIComponent(`/d/${id}`)}`}>Sign in</a>} <Link href="/">Back to the library</Link>
        </p>
      </main>
    );
  }
  const db = getDb();
  const doc = getDocument(db, id);
  if (!doc) notFound();
  const { blocks, chapters } = documentStructure(doc);
  return (
    <Reader
      documentId={doc.id}
      title={doc.title}
      author={doc.author}
      metadata={doc.metadata}
      text={doc.text}
      // Typed blocks with their ¶ numbers: each is also a paragraph span, so the reader's props stay as they were.
      paragraphs={readerBlocks(blocks, chapters)}
      chapters={chapters}
      role={found.role}
      legacyCreators={legacyCreatorsOf(db, id)}
      blindMode={blindModeOf(db, id)}
    />
  );
}

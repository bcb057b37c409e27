/** The library: every document with its author and number of notes. */
import Link from 'next/link';
import { getDb } from '../db/client.ts';
import { listDocuments } from '../db/queries/documents.ts';

export const dynamic = 'force-dynamic';

export default function LibraryPage() {
  const documents = listDocuments(getDb());
  return (
    <main className="library">
      <header className="library-header">
        <h1>Glossa</h1>
        <p className="tagline">Close reading, together.</p>
      </header>
      {documents.length === 0 ? (
        <p className="empty">The library is empty. Import a text with <code>POST /api/documents</code>.</p>
      ) : (
        <ul className="library-list" aria-label="Documents">
          {documents.map((d) => (
            <li key={d.id} className="library-item">
              <Link href={`/d/${encodeURIComponent(d.id)}`} className="library-title">
                {d.title}
              </Link>
              <span className="library-meta">
                {d.author ? <span className="library-author">{d.author}</span> : <span className="library-author unknown">Unknown author</span>}
                <span className="library-count" data-testid="note-count">
                  {d.noteCount === 1 ? '1 note' : `${d.noteCount} notes`}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

/** The reader of one document: the server loads it from SQLite, the client mounts the editor and the room. */
import { notFound } from 'next/navigation';
import { getDb } from '../../../db/client.ts';
import { documentStructure, getDocument, getDocumentHeading } from '../../../db/queries/documents.ts';
import { readerBlocks } from '../../../lib/editor/build-reader-doc.ts';
import { Reader } from '../../components/reader.tsx';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const doc = getDocumentHeading(getDb(), id);
  return { title: doc ? `${doc.title} — Glossa` : 'Not found — Glossa' };
}

export default async function ReaderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const doc = getDocument(getDb(), id);
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
    />
  );
}

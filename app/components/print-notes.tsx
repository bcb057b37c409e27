'use client';
/**
 * Printing the reader (or saving it as PDF from the browser's print dialog): the text with its highlights, then the
 * notes shown now (the current filter's) as numbered endnotes in text order, each with its locator, passage, type,
 * author, themes and replies. The margin cannot serve — with many notes it draws only the cards near the reader —
 * so the endnotes are rendered only while printing (on the browser's `beforeprint`, synchronously, so Ctrl+P gets
 * them too) and dropped after: a room of 10,000 notes does not carry them in its page the rest of the time.
 */
import { useEffect, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { commentOf, tagsOf } from '../../lib/annotations/build-annotation.ts';
import { noteTypeInfo, noteTypeOf } from '../../lib/annotations/note-types.ts';
import type { ReplyAnnotation } from '../../lib/annotations/schema.ts';
import type { Placed, Placements } from './use-anchoring.ts';

export interface PrintNotesProps {
  title: string;
  author: string | null;
  placed: Placements;
  replies: ReadonlyMap<string, readonly ReplyAnnotation[]>;
  locatorOf(p: Placed): string;
}

/** The header's Print button, and the endnotes while the page is printed. */
export function PrintNotes({ title, author, placed, replies, locatorOf }: PrintNotesProps) {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const notes = printing ? [...placed.values()].filter((p): p is Placed => p !== null).sort((a, b) => a.from - b.from || a.to - b.to) : [];

  return (
    <>
      <button type="button" className="print-toggle" onClick={() => window.print()}>
        Print
      </button>
      {printing &&
        createPortal(
          <section className="print-notes" data-testid="print-notes" aria-label="Notes, for printing">
            <h2>
              Notes on {title}
              {author ? `, by ${author}` : ''}
            </h2>
            {notes.length === 0 ? (
              <p>No notes are shown.</p>
            ) : (
              <ol>
                {notes.map((p) => {
                  const a = p.annotation;
                  const type = noteTypeOf(a);
                  const themes = tagsOf(a);
                  const thread = replies.get(a.id) ?? [];
                  return (
                    <li key={a.id}>
                      <p className="print-note-head">
                        <strong>{locatorOf(p)}</strong> “{a.target.selector[0].exact}” — {a.creator.name}
                        {type ? `, ${noteTypeInfo[type].label.toLowerCase()}` : ''}
                      </p>
                      {commentOf(a) && <p>{commentOf(a)}</p>}
                      {themes.length > 0 && <p className="print-note-themes">Themes: {themes.join(', ')}</p>}
                      {thread.length > 0 && (
                        <ul>
                          {thread.map((r) => (
                            <li key={r.id}>
                              {r.creator.name}: {r.body.find((b) => b.purpose === 'replying')?.value ?? ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>,
          document.body,
        )}
    </>
  );
}

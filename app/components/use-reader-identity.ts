'use client';
/**
 * The reader's identity in this browser: an id made once and a chosen display name, kept in localStorage.
 * Accounts will replace the storage, not the shape ({ id, name, color }).
 */
import { useCallback, useEffect, useState } from 'react';
import { creatorSchema } from '../../lib/annotations/schema.ts';
import type { RoomReader } from '../../lib/collab/room-client.ts';
import { annotationLimits } from '../../lib/limits.ts';
import { colorFor } from '../../lib/tags/palette.ts';

const storageKey = 'glossa.reader';

function load(): { id: string; name: string } | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return null;
    // The room refuses an identity (4400) or a presence state that breaks the creator schema: ask again instead.
    const parsed = creatorSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { id: parsed.data.id, name: parsed.data.name };
  } catch {
    /* unreadable storage: ask again */
  }
  return null;
}

/** The reader (null until chosen; undefined before the browser was read) and a setter for the name. */
export function useReaderIdentity(): [RoomReader | null | undefined, (name: string) => void] {
  const [reader, setReader] = useState<RoomReader | null | undefined>(undefined);
  useEffect(() => {
    const stored = load();
    setReader(stored ? { ...stored, color: colorFor(stored.id) } : null);
  }, []);
  const choose = useCallback((name: string) => {
    const id = load()?.id ?? `r-${crypto.randomUUID()}`;
    const value = { id, name: name.trim().slice(0, annotationLimits.creatorNameLength).trim() };
    localStorage.setItem(storageKey, JSON.stringify(value));
    setReader({ ...value, color: colorFor(id) });
  }, []);
  return [reader, choose];
}

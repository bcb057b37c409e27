'use client';
/**
 * The reader's identity: the signed-in account when there is one (the server binds the socket to it through the
 * session cookie), else an id made once in this browser and a chosen display name, kept in localStorage.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { creatorSchema } from '../../lib/annotations/schema.ts';
import type { RoomReader } from '../../lib/collab/room-client.ts';
import { annotationLimits } from '../../lib/limits.ts';
import { colorFor } from '../../lib/tags/palette.ts';
import { useAccount } from './use-account.ts';

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

/**
 * The reader (null until chosen; undefined before the browser was read), a setter for a browser reader's name, and
 * whether the reader is a signed-in account (whose name is changed in the account, not here).
 */
export function useReaderIdentity(): [RoomReader | null | undefined, (name: string) => void, boolean] {
  const { account } = useAccount();
  const [local, setReader] = useState<RoomReader | null | undefined>(undefined);
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
  // One object per account: the room reconnects whenever the reader object changes.
  const accountReader = useMemo(() => (account ? { id: account.id, name: account.name, color: colorFor(account.id) } : null), [account]);
  if (accountReader) return [accountReader, choose, true];
  return [account === undefined ? undefined : local, choose, false];
}

'use client';
/**
 * Loading what the group pages show — your groups, one group, an invitation link — as `{ data, error, reload }`:
 * `data` is undefined while loading, `error` holds the refusal (with its status) when loading failed. A later load
 * never shows an earlier, slower answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  fetchGroup,
  fetchGroups,
  fetchInvite,
  type GroupDetail,
  GroupRequestError,
  type GroupSummary,
  type InvitePreview,
} from './group-requests.ts';

/** What a loader hook answers. */
export interface Loaded<T> {
  data: T | undefined;
  error: GroupRequestError | null;
  /** Loads again (after a change), keeping what is shown until the answer comes. */
  reload(): Promise<void>;
}

function useLoaded<T>(load: (() => Promise<T>) | null): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<GroupRequestError | null>(null);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    if (!load) return;
    const ticket = ++latest.current;
    try {
      const value = await load();
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (ticket !== latest.current) return;
      setError(err instanceof GroupRequestError ? err : new GroupRequestError(String(err), 0));
    }
  }, [load]);
  useEffect(() => {
    void reload();
    return () => {
      latest.current++; // an answer arriving after unmount (or a new loader) is dropped
    };
  }, [reload]);
  return { data, error, reload };
}

/** Your groups; nothing is asked while `enabled` is false (no one signed in yet). */
export function useGroups(enabled: boolean): Loaded<GroupSummary[]> {
  return useLoaded(enabled ? fetchGroups : null);
}

/** One group's page; nothing is asked while `enabled` is false. */
export function useGroup(id: string, enabled: boolean): Loaded<GroupDetail> {
  const load = useCallback(() => fetchGroup(id), [id]);
  return useLoaded(enabled ? load : null);
}

/** What an invitation link is (asked without signing in). */
export function useInvitePreview(token: string): Loaded<InvitePreview> {
  const load = useCallback(() => fetchInvite(token), [token]);
  return useLoaded(load);
}

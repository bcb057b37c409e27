'use client';
/**
 * The signed-in account of this browser, if any (`GET /api/me`): undefined while asking, null when signed out.
 * Signing out goes through Better Auth's route and reloads the page, so every socket reconnects as who is left.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Account {
  id: string;
  name: string;
  email: string;
  /** The first account of this Glossa: it runs the instance. */
  instanceOwner: boolean;
}

/**
 * One `/api/me` request per page, whichever components ask (the reader's identity, then its account status, each
 * asked for it). Signing in or out loads a new page; a change of name forgets it ({@link forgetAccount}).
 */
let asking: Promise<Account | null> | null = null;
function fetchAccount(): Promise<Account | null> {
  asking ??= fetch('/api/me', { cache: 'no-store' })
    .then(async (res) => {
      if (!res.ok) return null;
      const body = (await res.json()) as { creator: { id: string; name: string }; email: string; instanceOwner?: boolean };
      return { id: body.creator.id, name: body.creator.name, email: body.email, instanceOwner: body.instanceOwner === true };
    })
    .catch(() => {
      asking = null; // a failed request is asked again next time, not remembered as "signed out"
      return null;
    });
  return asking;
}

/** Makes the next `useAccount` ask the server again (after the account changed, e.g. its name). */
export function forgetAccount(): void {
  asking = null;
}

export function useAccount(): { account: Account | null | undefined; signOut(): Promise<void> } {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void fetchAccount().then((found) => live && setAccount(found));
    return () => {
      live = false;
    };
  }, []);
  const signOut = useCallback(async () => {
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => {});
    window.location.reload();
  }, []);
  return { account, signOut };
}

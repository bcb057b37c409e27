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

export function useAccount(): { account: Account | null | undefined; signOut(): Promise<void> } {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch('/api/me', { cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) return null;
        const body = (await res.json()) as { creator: { id: string; name: string }; email: string; instanceOwner?: boolean };
        return { id: body.creator.id, name: body.creator.name, email: body.email, instanceOwner: body.instanceOwner === true };
      })
      .catch(() => null)
      .then((found) => live && setAccount(found));
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

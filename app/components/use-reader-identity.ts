'use client';
/**
 * The reader's identity: the signed-in account (the server binds the socket to it through the session cookie), or
 * null for a reader who is not signed in and reads without writing. Undefined while the account is asked for.
 */
import { useMemo } from 'react';
import type { RoomReader } from '../../lib/collab/room-client.ts';
import { colorFor } from '../../lib/tags/palette.ts';
import { useAccount } from './use-account.ts';

export function useReaderIdentity(): RoomReader | null | undefined {
  const { account } = useAccount();
  // One object per account: the room reconnects whenever the reader object changes.
  return useMemo(() => (account ? { id: account.id, name: account.name, color: colorFor(account.id) } : account), [account]);
}

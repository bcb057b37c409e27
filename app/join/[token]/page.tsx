/** `/join/<token>`: what an invitation link offers (group and role), and joining it once signed in. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { JoinGroup } from '../../components/join-group.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Join a reading group — Glossa', referrer: 'no-referrer' };

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="settings-page groups-page">
      <Link href="/" className="back">
        ← Library
      </Link>
      <JoinGroup token={token} />
    </main>
  );
}

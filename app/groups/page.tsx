/** `/groups`: your reading groups, and a form to make one. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { GroupsView } from '../components/groups-view.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reading groups — Glossa' };

export default function GroupsPage() {
  return (
    <main className="settings-page groups-page">
      <Link href="/" className="back">
        ← Library
      </Link>
      <h1>Reading groups</h1>
      <GroupsView />
    </main>
  );
}

/** `/groups/<id>`: one reading group — its members and their roles, its invitation links, its texts. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { GroupPage } from '../../components/group-page.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reading group — Glossa' };

export default async function GroupRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="settings-page groups-page">
      <Link href="/groups" className="back">
        ← Your groups
      </Link>
      <GroupPage id={id} />
    </main>
  );
}

/** `/settings`: your name and password, and your personal access tokens (made, listed, revoked). */
import Link from 'next/link';
import { AccountSettings } from '../components/account-settings.tsx';

export const dynamic = 'force-dynamic';

export default function SettingsPage() {
  return (
    <main className="settings-page">
      <Link href="/" className="back">
        ← Library
      </Link>
      <h1>Your account</h1>
      <AccountSettings />
    </main>
  );
}

/** `/sign-in`: sign in or create an account, then go back to `?next=`. `?mode=sign-up` opens on the second. */
import Link from 'next/link';
import { SignInForm } from '../components/sign-in-form.tsx';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ next?: string; mode?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { next, mode } = await searchParams;
  return (
    <main className="sign-in-page">
      <Link href="/" className="back">
        ← Library
      </Link>
      <SignInForm next={typeof next === 'string' ? next : null} initialMode={mode === 'sign-up' ? 'sign-up' : 'sign-in'} />
    </main>
  );
}

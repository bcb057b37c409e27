import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="library">
      <h1>Not found</h1>
      <p className="empty">There is no document here. It may have been removed, or the link is mistyped.</p>
      <p>
        <Link href="/">Back to the library</Link>
      </p>
    </main>
  );
}

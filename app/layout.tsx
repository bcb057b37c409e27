import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ReadOnlyBanner } from './components/read-only-banner.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: 'Glossa — close reading together',
  description: 'Annotate literary texts together, live.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ReadOnlyBanner />
        {children}
      </body>
    </html>
  );
}

// A bordered panel; the page background and card colours are the ones index.html's skeleton uses.
import type { ReactNode } from 'react';

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6 dark:border-gray-800 dark:bg-gray-900 ${className}`}>
      {children}
    </section>
  );
}

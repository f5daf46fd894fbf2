// Placeholder while a page's code or data loads; keeps the space so the layout does not jump.
import { Spinner } from '@/components/ui/spinner/spinner';

export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex min-h-40 items-center justify-center gap-2 text-sm text-gray-700 dark:text-gray-300">
      <Spinner /> {label}
    </div>
  );
}

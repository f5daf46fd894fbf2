// A message state as a coloured label. The word is always shown: colour alone carries no meaning.
import type { MessageState } from '@/features/history/types';

const styles: Record<MessageState, string> = {
  scheduled: 'bg-teal-100 text-teal-900 ring-teal-300 dark:bg-teal-950 dark:text-teal-100 dark:ring-teal-700',
  accepted: 'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600',
  queued: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700',
  sent: 'bg-indigo-100 text-indigo-900 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-700',
  delivered: 'bg-green-100 text-green-900 ring-green-300 dark:bg-green-950 dark:text-green-100 dark:ring-green-700',
  undelivered: 'bg-amber-100 text-amber-950 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700',
  failed: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-700',
  unknown: 'bg-purple-100 text-purple-900 ring-purple-300 dark:bg-purple-950 dark:text-purple-100 dark:ring-purple-700',
  cancelled: 'bg-gray-100 text-gray-800 ring-gray-300 dark:bg-gray-800 dark:text-gray-100 dark:ring-gray-600',
  suppressed: 'bg-zinc-200 text-zinc-900 ring-zinc-400 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-500',
};

export const stateLabels: Record<MessageState, string> = {
  scheduled: 'Scheduled',
  accepted: 'Accepted',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Undelivered',
  failed: 'Failed',
  unknown: 'Unknown',
  cancelled: 'Cancelled',
  suppressed: 'Not sent: opted out',
};

export function StateBadge({ state }: { state: MessageState }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[state]}`}>
      {stateLabels[state]}
    </span>
  );
}

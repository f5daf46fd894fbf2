// "This number opted out" next to a typed recipient: the send would not reach them.
import { useSuppressionCheck } from '@/features/suppressions/hooks/use-suppression-check';

export function SuppressionWarning({ number, id }: { number: string; id?: string }) {
  const check = useSuppressionCheck(number);
  if (!check) return null;
  return (
    <p
      id={id}
      role="status"
      data-testid="suppression-warning"
      className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {check.number} opted out and will not be sent to ({check.reason ?? 'on the suppression list'}).
    </p>
  );
}

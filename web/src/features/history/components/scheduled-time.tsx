// When a message held for quiet hours goes, in the reader's local time.
import type { Message } from '@/features/history/types';
import { formatTime } from '@/features/history/utils/format';

export function ScheduledTime({ message }: { message: Message }) {
  if (message.state !== 'scheduled' || !message.scheduledFor) return null;
  return (
    <span className="block text-xs text-gray-700 dark:text-gray-300">
      goes <time dateTime={message.scheduledFor}>{formatTime(message.scheduledFor)}</time>
    </span>
  );
}

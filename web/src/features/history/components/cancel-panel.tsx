// A message held for quiet hours: when it goes, and a confirmed "Cancel sending". Cancelling cannot
// be undone, so the button first asks, naming the recipient and the time.
import { cancelMessage } from '@/features/history/api/cancel-message';
import { ConfirmedAction } from '@/features/history/components/confirmed-action';
import type { Message } from '@/features/history/types';
import { formatTime } from '@/features/history/utils/format';

type CancelPanelProps = { message: Message; onCancelled: () => void };

export function CancelPanel({ message, onCancelled }: CancelPanelProps) {
  const goes = message.scheduledFor ? formatTime(message.scheduledFor, true) : 'when quiet hours end';
  return (
    <ConfirmedAction
      about={
        <>
          It is outside the allowed hours where <span className="font-mono">{message.to}</span> is. mmsgate sends it by itself at{' '}
          {message.scheduledFor ? <time dateTime={message.scheduledFor}>{goes}</time> : goes} (your time).
        </>
      }
      offer={{ label: 'Cancel sending…', variant: 'secondary' }}
      question={{
        id: 'cancel',
        text: 'Cancel this message?',
        explanation: (
          <>
            It will never be sent to <span className="font-mono">{message.to}</span>. This cannot be undone.
          </>
        ),
        confirm: 'Yes, cancel it',
        running: 'Cancelling…',
        cancel: 'Keep it scheduled',
      }}
      failureMessage="The message could not be cancelled."
      action={async () => {
        await cancelMessage(message.id);
        onCancelled();
      }}
    />
  );
}

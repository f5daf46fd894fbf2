// One message: its details, delivery timeline (refreshed live from the event stream) and, when the
// outcome is unknown, a "Send again" button.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { Spinner } from '@/components/ui/spinner/spinner';
import { paths } from '@/config/paths';
import { useMessage } from '@/features/history/api/get-message';
import { useMessageStream } from '@/features/history/api/message-stream';
import { resendMessage, type ResendResult } from '@/features/history/api/resend-message';
import { EventTimeline } from '@/features/history/components/event-timeline';
import { StateBadge } from '@/features/history/components/state-badge';
import type { DeliveryEvent, Message } from '@/features/history/types';
import { formatCost, formatTime } from '@/features/history/utils/format';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-gray-700 dark:text-gray-300">{label}</dt>
      <dd className="mt-1 text-sm break-all text-gray-900 sm:col-span-2 sm:mt-0 dark:text-gray-100">{children}</dd>
    </div>
  );
}

// The message row keeps Plivo's error text when it has one; otherwise the explanation recorded with
// the latest event that carried an error code.
function errorExplanation(message: Message, events: DeliveryEvent[]): string {
  if (message.error) return message.error;
  const explained = [...events].reverse().find((event) => event.errorMeaning);
  return explained?.errorMeaning ?? 'No explanation available.';
}

function MessageFacts({ message, events }: { message: Message; events: DeliveryEvent[] }) {
  return (
    <dl className="divide-y divide-gray-200 dark:divide-gray-800">
      <DetailRow label="State">
        <StateBadge state={message.state} />
      </DetailRow>
      <DetailRow label="To"><span className="font-mono">{message.to}</span></DetailRow>
      <DetailRow label="From"><span className="font-mono">{message.from || '—'}</span></DetailRow>
      <DetailRow label="Created"><time dateTime={message.createdAt}>{formatTime(message.createdAt, true)}</time></DetailRow>
      <DetailRow label="Updated"><time dateTime={message.updatedAt}>{formatTime(message.updatedAt, true)}</time></DetailRow>
      <DetailRow label="Plivo message UUID"><span className="font-mono">{message.plivoUuid ?? '—'}</span></DetailRow>
      <DetailRow label="Units">{message.units ?? '—'}</DetailRow>
      <DetailRow label="Cost">{formatCost(message.totalAmount)}</DetailRow>
      {message.errorCode !== null || message.error ? (
        <DetailRow label="Error">
          {message.errorCode !== null ? `${message.errorCode}: ` : ''}
          {errorExplanation(message, events)}
        </DetailRow>
      ) : null}
      <DetailRow label="Text"><span className="whitespace-pre-wrap">{message.text || '(no text)'}</span></DetailRow>
      <DetailRow label="Media">
        {message.mediaUrls.length === 0 ? '—' : (
          <ul className="space-y-1">
            {message.mediaUrls.map((url) => (
              <li key={url}>
                <a className={linkClass} href={url} target="_blank" rel="noopener noreferrer">{url}</a>
              </li>
            ))}
          </ul>
        )}
      </DetailRow>
    </dl>
  );
}

type ResendPanelProps = { messageId: string; result: ResendResult | undefined; onResent: (result: ResendResult) => void };

function ResendPanel({ messageId, result, onResent }: ResendPanelProps) {
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  async function handleResend() {
    if (isSending) return;
    setIsSending(true);
    setError(undefined);
    try {
      onResent(await resendMessage(messageId));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The message could not be sent again.');
    } finally {
      setIsSending(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800 dark:text-gray-200">
        Plivo never confirmed whether it accepted this message. If the recipient did not get it, you can send it again.
      </p>
      <Button onClick={handleResend} disabled={isSending || result !== undefined} isLoading={isSending}>
        {isSending ? 'Sending…' : 'Send again'}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status" aria-live="polite">
        {result ? (
          <p className="text-sm text-green-900 dark:text-green-100">
            {result.pending ? 'Accepted, waiting for Plivo.' : 'Sent again.'}{' '}
            {result.id && result.id !== messageId ? (
              <Link className={linkClass} to={paths.message.getHref(result.id)}>View the new message</Link>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}

// Keyed by id where it is used, so moving to another message starts fresh.
export function MessageView({ id }: { id: string }) {
  const details = useMessage(id);
  // Kept here: after a resend the state leaves "unknown", but the link to the new message must stay.
  const [resent, setResent] = useState<ResendResult | undefined>(undefined);
  // Reloaded when the stream opens too: a report that arrived between the first load and the
  // stream's start would otherwise never show.
  useMessageStream(
    (update) => {
      if (update.id === id) details.reload();
    },
    () => details.reload(),
  );

  if (details.isLoading && !details.data) {
    return (
      <p className="flex items-center gap-2 text-sm text-gray-700 dark:text-gray-300" role="status">
        <Spinner /> Loading message…
      </p>
    );
  }
  if (details.error || !details.data) {
    return <Alert tone="error">{details.error?.message ?? 'The message could not be loaded.'}</Alert>;
  }
  const { message, events } = details.data;
  return (
    <div className="space-y-4">
      <p>
        <Link className={linkClass} to={paths.messages.getHref()}>← Back to history</Link>
      </p>
      <Card>
        <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Message to <span className="font-mono">{message.to}</span></h1>
        <MessageFacts message={message} events={events} />
      </Card>
      {message.state === 'unknown' || resent ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900 dark:text-gray-50">Outcome unknown</h2>
          <div className="mt-2"><ResendPanel
              messageId={message.id}
              result={resent}
              onResent={(result) => {
                setResent(result);
                details.reload();
              }}
            /></div>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900 dark:text-gray-50">Delivery timeline</h2>
        <EventTimeline events={events} />
      </Card>
    </div>
  );
}

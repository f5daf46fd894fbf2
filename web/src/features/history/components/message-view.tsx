// One message: its details, the other recipients of the same send, the delivery timeline (refreshed
// live from the event stream) and, when the outcome is unknown, a confirmed "Send again".
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { Card } from '@/components/ui/card/card';
import { Spinner } from '@/components/ui/spinner/spinner';
import { paths } from '@/config/paths';
import { useMessage } from '@/features/history/api/get-message';
import { useSendSiblings } from '@/features/history/api/get-send-siblings';
import { useMessageStream } from '@/features/history/api/message-stream';
import { resendMessage, type ResendResult } from '@/features/history/api/resend-message';
import { CancelPanel } from '@/features/history/components/cancel-panel';
import { ConfirmedAction } from '@/features/history/components/confirmed-action';
import { ErrorText } from '@/features/history/components/error-text';
import { EventTimeline } from '@/features/history/components/event-timeline';
import { StateBadge } from '@/features/history/components/state-badge';
import type { DeliveryEvent, Message } from '@/features/history/types';
import { excerpt, formatCost, formatTime } from '@/features/history/utils/format';
import { totalCost } from '@/features/history/utils/group-by-send';
import { ApiError } from '@/lib/api-client';
import { canSend, useRole } from '@/lib/role';
import { MediaThumbnails } from '@/features/media-upload/components/media-thumbnails';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-gray-700 dark:text-gray-300">{label}</dt>
      <dd className="mt-1 text-sm break-words text-gray-900 sm:col-span-2 sm:mt-0 dark:text-gray-100">{children}</dd>
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

function costText(message: Message): string {
  if (message.totalAmount === null) return message.units === null ? '—' : `${message.units} unit${message.units === 1 ? '' : 's'}`;
  const units = message.units !== null ? ` (${message.units} unit${message.units === 1 ? '' : 's'})` : '';
  return `${formatCost(message.totalAmount)}${units}`;
}

function MessageFacts({ message, events, siblings }: { message: Message; events: DeliveryEvent[]; siblings: Message[] }) {
  const others = siblings.filter((sibling) => sibling.id !== message.id);
  const total = siblings.length > 1 ? totalCost(siblings) : null;
  return (
    <dl className="divide-y divide-gray-200 dark:divide-gray-800">
      <DetailRow label="State">
        <StateBadge state={message.state} />
        {message.scheduledFor ? (
          <span className="block text-gray-700 dark:text-gray-300">
            {message.state === 'scheduled' ? 'Goes at ' : 'Held for quiet hours until '}
            <time dateTime={message.scheduledFor}>{formatTime(message.scheduledFor, true)}</time>
          </span>
        ) : null}
      </DetailRow>
      <DetailRow label="To"><span className="font-mono">{message.to}</span></DetailRow>
      {others.length > 0 ? (
        <DetailRow label="Same message to">
          <ul className="space-y-1" aria-label="Other recipients of this send">
            {others.map((other) => (
              <li key={other.id} className="flex flex-wrap items-center gap-2">
                <Link className={`${linkClass} font-mono`} to={paths.message.getHref(other.id)}>{other.to}</Link>
                <StateBadge state={other.state} />
              </li>
            ))}
          </ul>
        </DetailRow>
      ) : null}
      <DetailRow label="From"><span className="font-mono">{message.from || '—'}</span></DetailRow>
      <DetailRow label="Conversation">
        <Link
          className={linkClass}
          to={message.conversationId ? paths.conversation.getHref(message.conversationId) : paths.conversations.getHref(message.to)}
        >
          Open the conversation with <span className="font-mono">{message.to}</span>
        </Link>
      </DetailRow>
      <DetailRow label="Created"><time dateTime={message.createdAt}>{formatTime(message.createdAt, true)}</time></DetailRow>
      <DetailRow label="Updated"><time dateTime={message.updatedAt}>{formatTime(message.updatedAt, true)}</time></DetailRow>
      <DetailRow label="Plivo message UUID"><span className="font-mono break-all">{message.plivoUuid ?? '—'}</span></DetailRow>
      <DetailRow label="Cost">
        {costText(message)}
        {siblings.length > 1 ? (
          <span className="block text-gray-700 dark:text-gray-300">
            Whole send ({siblings.length} recipients): {total === null ? 'not known yet' : formatCost(total)}
          </span>
        ) : null}
      </DetailRow>
      {message.errorCode !== null || message.error ? (
        <DetailRow label="Error">
          {message.errorCode !== null ? `${message.errorCode}: ` : ''}
          <ErrorText text={errorExplanation(message, events)} />
        </DetailRow>
      ) : null}
      <DetailRow label="Text"><span className="whitespace-pre-wrap">{message.text || '(no text)'}</span></DetailRow>
      <DetailRow label="Media">
        <MediaThumbnails media={message.media} label="Sent pictures" />
        {message.mediaUrls.length === 0 ? (message.media.length === 0 ? '—' : null) : (
          <ul className="space-y-1">
            {message.mediaUrls.map((url) => (
              <li key={url} className="break-all">
                <a className={linkClass} href={url} target="_blank" rel="noopener noreferrer">{url}</a>
              </li>
            ))}
          </ul>
        )}
      </DetailRow>
    </dl>
  );
}

type ResendPanelProps = { message: Message; onResent: (result: ResendResult) => void };

// Sending again is billed again: the button first asks, naming the recipient and the content.
function ResendPanel({ message, onResent }: ResendPanelProps) {
  const media = message.mediaUrls.length;
  return (
    <ConfirmedAction
      about="Plivo never confirmed whether it accepted this message. If the recipient did not get it, you can send it again."
      offer={{ label: 'Send again…', variant: 'primary' }}
      question={{
        id: 'resend',
        text: 'Send this message again?',
        explanation: (
          <>
            To <span className="font-mono">{message.to}</span>: “{excerpt(message.text, 80) || '(no text)'}”
            {media > 0 ? ` with ${media} picture${media === 1 ? '' : 's'}` : ''}. If the first one did arrive, the recipient gets it twice and
            both are billed.
          </>
        ),
        confirm: 'Yes, send it again',
        running: 'Sending…',
        cancel: 'Cancel',
      }}
      failureMessage="The message could not be sent again."
      action={async () => onResent(await resendMessage(message.id))}
    />
  );
}

function NotFound({ backHref }: { backHref: string }) {
  return (
    <Card>
      <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Message not found</h1>
      <p className="mt-2 text-gray-800 dark:text-gray-200">There is no such message in your history. The link may be wrong or incomplete.</p>
      <p className="mt-4">
        <Link className={linkClass} to={backHref}>← Back to history</Link>
      </p>
    </Card>
  );
}

// Keyed by id where it is used, so moving to another message starts fresh.
export function MessageView({ id }: { id: string }) {
  const role = useRole();
  const details = useMessage(id);
  const siblings = useSendSiblings(details.data?.message.requestId ?? '');
  const location = useLocation();
  // The history's filters came along in the query: going back keeps them.
  const backHref = paths.messages.getHref() + location.search;
  const [resent, setResent] = useState<ResendResult | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);
  // Reloaded when the stream opens too: a report that arrived between the first load and the
  // stream's start would otherwise never show.
  useMessageStream(
    (update) => {
      if (update.id === id) details.reload();
      if (siblings.data?.some((sibling) => sibling.id === update.id)) siblings.reload();
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
  if (details.error instanceof ApiError && details.error.kind === 'not-found') return <NotFound backHref={backHref} />;
  if (details.error || !details.data) {
    return <Alert tone="error">{details.error?.message ?? 'The message could not be loaded.'}</Alert>;
  }
  const { message, events } = details.data;
  return (
    <div className="space-y-4">
      <p>
        <Link className={linkClass} to={backHref}>← Back to history</Link>
      </p>
      <Card>
        <h1 className="text-xl font-bold break-words text-gray-900 dark:text-gray-50">Message to <span className="font-mono">{message.to}</span></h1>
        <MessageFacts message={message} events={events} siblings={siblings.data ?? []} />
      </Card>
      <div role="status" aria-live="polite">
        {resent ? (
          <Alert tone="success">
            Sent again. The state above updates by itself.{' '}
            {resent.id && resent.id !== message.id ? (
              <Link className={linkClass} to={paths.message.getHref(resent.id)}>View the new message</Link>
            ) : null}
          </Alert>
        ) : null}
        {cancelled ? <Alert tone="success">Cancelled. This message will not be sent.</Alert> : null}
      </div>
      {message.state === 'scheduled' ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900 dark:text-gray-50">Scheduled for quiet hours</h2>
          <div className="mt-2">
            <CancelPanel
              message={message}
              onCancelled={() => {
                setCancelled(true);
                details.reload();
              }}
            />
          </div>
        </Card>
      ) : null}
      {message.state === 'unknown' && !resent && canSend(role) ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900 dark:text-gray-50">Outcome unknown</h2>
          <div className="mt-2">
            <ResendPanel
              message={message}
              onResent={(result) => {
                setResent(result);
                details.reload();
              }}
            />
          </div>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900 dark:text-gray-50">Delivery timeline</h2>
        <EventTimeline events={events} />
      </Card>
    </div>
  );
}

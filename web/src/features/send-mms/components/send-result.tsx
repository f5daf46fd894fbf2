// What happened to a submission (loaded with the page's first idle moment, not with the page), in words: each recipient with its live state and a link to its
// message page. A stored message (mmsgate still sending or checking it) is shown as such and never
// invites sending again; Plivo's internal ids are not shown here (the message page has them).
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button/button';
import { paths } from '@/config/paths';
import { useMessageStream } from '@/features/history/api/message-stream';
import { StateBadge } from '@/features/history/components/state-badge';
import { messageStates, type MessageState } from '@/features/history/types';
import type { SendMmsResult } from '@/features/send-mms/api/send-mms';
import { ScheduledRecipients } from '@/features/send-mms/components/scheduled-recipients';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

const storedHeadlines: Record<string, string> = {
  pending: 'Saved. Waiting for Plivo to answer.',
  retrying: 'Saved. Plivo is not answering yet; mmsgate keeps trying.',
  checking: 'Saved. mmsgate is checking with Plivo whether it arrived.',
  unknown: 'Saved, but Plivo never confirmed it.',
  scheduled: 'Scheduled: every recipient is in quiet hours.',
};

const storedAdvice: Record<string, string> = {
  scheduled: 'It goes by itself when their allowed hours begin; until then it can be cancelled on its message page.',
  unknown: 'Open the message to see what is known; it offers to send it again if the recipient did not get it.',
};
const defaultAdvice = 'Do not send it again: the state below updates by itself, and the message page shows every step.';

const progressLabels: Record<string, string> = { pending: 'Waiting', retrying: 'Retrying', checking: 'Checking' };

function isMessageState(value: string): value is MessageState {
  return (messageStates as readonly string[]).includes(value);
}

function RecipientState({ state }: { state: string }) {
  if (isMessageState(state)) return <StateBadge state={state} />;
  return (
    <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600">
      {progressLabels[state] ?? 'Waiting'}
    </span>
  );
}

// A stored message is still "accepted" in the database while mmsgate retries or checks it: the
// answer's status says more than that.
function shownState(result: SendMmsResult, state: string): string {
  if (result.kind === 'stored' && (state === '' || state === 'accepted')) return result.status;
  return state || 'queued';
}

type SendResultProps = { result: SendMmsResult; onSendSameAgain?: () => void };

// Mounted once per answer (the form keys it): it brings itself into view and takes the focus, so
// the result of a send is never off-screen and screen readers read it.
export function SendResult({ result, onSendSameAgain }: SendResultProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'center', behavior: 'instant' as ScrollBehavior });
    ref.current?.focus({ preventScroll: true });
  }, []);
  // Live states from the event stream, by message id.
  const [liveStates, setLiveStates] = useState<Record<string, string>>({});
  useMessageStream((update) => {
    if (typeof update.state === 'string' && result.recipients.some((recipient) => recipient.id === update.id)) {
      setLiveStates((previous) => ({ ...previous, [update.id]: update.state as string }));
    }
  });

  const stored = result.kind === 'stored';
  const count = result.recipients.length;
  const headline = stored
    ? (storedHeadlines[result.status] ?? storedHeadlines.pending)
    : count > 1
      ? `Sent to ${count} recipients.`
      : 'Message sent.';
  const tone = stored
    ? 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'
    : 'border-green-300 bg-green-50 text-green-950 dark:border-green-800 dark:bg-green-950 dark:text-green-100';

  return (
    <div ref={ref} tabIndex={-1} data-testid="send-result" className={`rounded-md border p-3 text-sm focus:outline-none ${tone}`}>
      <p className="font-semibold">{headline}</p>
      {stored ? (
        <p className="mt-1">
          {result.reason ? `${result.reason} ` : ''}
          {storedAdvice[result.status] ?? defaultAdvice}
        </p>
      ) : null}
      {result.sandbox ? <p className="mt-1">Sandbox mode: the built-in simulator received it, no real phone did.</p> : null}
      {count > 0 ? (
        <ul className="mt-2 space-y-2" aria-label="Recipients">
          {result.recipients.map((recipient) => (
            <li key={recipient.id || recipient.to} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="font-mono">{recipient.to}</span>
              <RecipientState state={liveStates[recipient.id] ?? shownState(result, recipient.state)} />
              {recipient.id ? (
                <Link className={linkClass} to={paths.message.getHref(recipient.id)} aria-label={`View message to ${recipient.to}`}>
                  View message
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : result.id ? (
        <p className="mt-2">
          <Link className={linkClass} to={paths.message.getHref(result.id)}>
            View message
          </Link>
        </p>
      ) : null}
      <ScheduledRecipients scheduled={result.scheduled} />
      {result.invalidNumbers.length > 0 ? (
        <p className="mt-2 font-semibold">Plivo rejected these numbers: {result.invalidNumbers.join(', ')}</p>
      ) : null}
      {onSendSameAgain ? (
        <div className="mt-3">
          <Button variant="secondary" onClick={onSendSameAgain}>
            Send the same again…
          </Button>
        </div>
      ) : null}
    </div>
  );
}

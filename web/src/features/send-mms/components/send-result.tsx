// What happened to a submission: the Plivo message UUIDs and links to the message pages.
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import type { SendMmsResult } from '@/features/send-mms/api/send-mms';

const linkClass =
  'font-semibold text-indigo-800 underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-200 dark:focus-visible:outline-indigo-300';

export function SendResult({ result }: { result: SendMmsResult }) {
  if (result.kind === 'pending') {
    return (
      <div className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
        <p className="font-semibold">Accepted, waiting for Plivo.</p>
        <p className="mt-1">
          Plivo is slow to answer. The message page shows the outcome as soon as it is known.{' '}
          {result.id ? (
            <Link className={linkClass} to={paths.message.getHref(result.id)}>
              View message
            </Link>
          ) : null}
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-950 dark:border-green-800 dark:bg-green-950 dark:text-green-100">
      <p className="font-semibold">{result.message}</p>
      {result.sandbox ? <p className="mt-1">Sandbox mode: the built-in simulator received it, no real phone did.</p> : null}
      {result.recipients.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {result.recipients.map((recipient) => (
            <li key={recipient.id || recipient.to} className="break-all">
              <span className="font-mono">{recipient.to}</span>: {recipient.state || 'queued'}
              {recipient.messageUuid ? (
                <>
                  , Plivo message UUID <span className="font-mono">{recipient.messageUuid}</span>
                </>
              ) : null}
              {recipient.id ? (
                <>
                  {' '}
                  <Link className={linkClass} to={paths.message.getHref(recipient.id)}>
                    Details<span className="sr-only"> for {recipient.to}</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : result.messageUuids.length > 0 ? (
        <p className="mt-1 break-all">
          Plivo message UUID{result.messageUuids.length > 1 ? 's' : ''}: <span className="font-mono">{result.messageUuids.join(', ')}</span>
        </p>
      ) : null}
      {result.invalidNumbers.length > 0 ? (
        <p className="mt-2 font-semibold">Plivo rejected these numbers: {result.invalidNumbers.join(', ')}</p>
      ) : null}
      {result.id ? (
        <p className="mt-2">
          <Link className={linkClass} to={paths.message.getHref(result.id)}>
            View message
          </Link>
        </p>
      ) : null}
    </div>
  );
}

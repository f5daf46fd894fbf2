// One message of a thread: received ones on the left, sent ones on the right with their live
// state. Pictures are mmsgate's own copies (/api/media/{id}), never the sender's URL.
import { StateBadge } from '@/features/history/components/state-badge';
import type { ThreadMedia, ThreadMessage } from '@/features/conversations/types';
import { formatTime } from '@/features/history/utils/format';
import { OptOutFlag } from '@/features/suppressions/components/opt-out-flag';
import { MediaThumbnails } from '@/features/media-upload/components/media-thumbnails';

const mediaNotes: Record<Exclude<ThreadMedia['state'], 'stored'>, string> = {
  pending: 'Picture on its way…',
  refused: 'Attachment not kept (not an allowed type or too large).',
  failed: 'Attachment could not be copied.',
};

function MediaItem({ media, index, from }: { media: ThreadMedia; index: number; from: string }) {
  if (media.state !== 'stored') {
    return <p className="text-sm italic">{mediaNotes[media.state]}</p>;
  }
  if (media.contentType.startsWith('image/') || media.contentType === '') {
    return (
      <a href={media.url} target="_blank" rel="noopener noreferrer" className="block focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        <img src={media.url} alt={`Picture ${index + 1} from ${from}`} loading="lazy" className="max-h-64 max-w-full rounded-md object-contain" />
      </a>
    );
  }
  return (
    <a href={media.url} className="text-sm font-semibold underline" download>
      Download attachment {index + 1} ({media.contentType})
    </a>
  );
}

export function ThreadMessageItem({ message }: { message: ThreadMessage }) {
  const outgoing = message.direction === 'out';
  const bubble = outgoing
    ? 'ml-auto bg-indigo-700 text-white dark:bg-indigo-600'
    : 'mr-auto bg-gray-100 text-gray-900 dark:bg-gray-800 dark:text-gray-50';
  return (
    <li data-message-id={message.id} data-direction={message.direction} className={`flex ${outgoing ? 'justify-end' : 'justify-start'}`}>
      <div className={`max-w-[85%] rounded-2xl px-3 py-2 sm:max-w-[70%] ${bubble}`}>
        <p className="sr-only">{outgoing ? 'You sent:' : `${message.from} wrote:`}</p>
        {message.media.length > 0 ? (
          <div className="mb-1 space-y-2">
            {message.media.map((media, index) => (
              <MediaItem key={media.id || `position-${index}`} media={media} index={index} from={message.from} />
            ))}
          </div>
        ) : null}
        {message.sentMedia.length > 0 ? (
          <div className="mb-1">
            <MediaThumbnails media={message.sentMedia} label="Pictures you sent" />
          </div>
        ) : null}
        {message.mediaUrls.length > 0 ? (
          <ul className="mb-1 space-y-1 text-sm">
            {message.mediaUrls.map((url, index) => (
              <li key={url} className="break-all">
                <a href={url} target="_blank" rel="noopener noreferrer" className="underline">
                  Picture {index + 1}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {message.text ? <p className="break-words whitespace-pre-wrap">{message.text}</p> : null}
        <p className={`mt-1 flex flex-wrap items-center gap-2 text-xs ${outgoing ? 'justify-end text-indigo-50' : 'text-gray-700 dark:text-gray-300'}`}>
          {message.automatic ? <span className="font-semibold">Automatic</span> : null}
          <span>{message.type.toUpperCase()}</span>
          <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
          {outgoing && message.state ? <StateBadge state={message.state} /> : null}
        </p>
        {message.flag ? <OptOutFlag messageId={message.id} flag={message.flag} /> : null}
        {outgoing && (message.errorCode !== null || message.errorMeaning) ? (
          <p className="mt-1 text-xs">
            {message.errorCode !== null ? `Error ${message.errorCode}: ` : ''}
            {message.errorMeaning ?? ''}
          </p>
        ) : null}
      </div>
    </li>
  );
}

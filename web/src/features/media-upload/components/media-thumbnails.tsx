// The pictures a sent message carried, from mmsgate's own copies: small, loaded lazily, each a link
// that opens the full size in a new tab.
import type { SentMedia } from '@/features/media-upload/types';
import { formatBytes } from '@/features/media-upload/utils/format-size';

type MediaThumbnailsProps = { media: SentMedia[]; label: string; size?: 'small' | 'large' };

export function MediaThumbnails({ media, label, size = 'large' }: MediaThumbnailsProps) {
  if (media.length === 0) return null;
  const box = size === 'small' ? 'h-12 w-12' : 'h-24 w-24';
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {media.map((item, index) => {
        const name = `${label}: picture ${index + 1}${item.bytes !== null ? `, ${formatBytes(item.bytes)}` : ''}`;
        return (
          <li key={item.id}>
            <a
              href={item.url}
              target="_blank"
              rel="noopener noreferrer"
              title="Open the full size in a new tab"
              className="block rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-300"
            >
              <img
                src={item.url}
                alt={name}
                loading="lazy"
                width={item.width ?? undefined}
                height={item.height ?? undefined}
                className={`${box} rounded-md border border-gray-300 bg-gray-100 object-cover dark:border-gray-700 dark:bg-gray-800`}
              />
            </a>
          </li>
        );
      })}
    </ul>
  );
}

// Shows the image a media URL points to, so a wrong link is noticed before sending. A URL the
// browser cannot load is usually one Plivo cannot fetch either.
import { useState } from 'react';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

type MediaPreviewProps = { id: string; url: string | undefined; label: string };

export function MediaPreview({ id, url, label }: MediaPreviewProps) {
  // Waits for typing to pause so partial URLs are not requested.
  const settledUrl = useDebouncedValue(url, 400);
  if (!url || settledUrl !== url) return null;
  // A new URL starts a new load, with fresh state.
  return <PreviewFrame key={url} id={id} url={url} label={label} />;
}

type LoadState = 'loading' | 'loaded' | 'failed';

function PreviewFrame({ id, url, label }: { id: string; url: string; label: string }) {
  const [state, setState] = useState<LoadState>('loading');
  return (
    <div id={id} className="mt-2 flex min-h-24 items-center justify-center overflow-hidden rounded-md border border-dashed border-gray-400 bg-gray-50 p-2 dark:border-gray-600 dark:bg-gray-950">
      {state === 'failed' ? (
        <p role="status" className="text-sm font-medium text-amber-900 dark:text-amber-200">
          This image could not be loaded. Check that the URL is public and points to a JPEG, PNG or GIF image;
          otherwise Plivo will not be able to fetch it either.
        </p>
      ) : (
        <img
          src={url}
          alt={`Preview of ${label.toLowerCase()}`}
          referrerPolicy="no-referrer"
          className={`max-h-48 max-w-full object-contain ${state === 'loaded' ? '' : 'sr-only'}`}
          onLoad={() => setState('loaded')}
          onError={() => setState('failed')}
        />
      )}
      {state === 'loading' ? <span className="text-sm text-gray-700 dark:text-gray-300">Loading preview…</span> : null}
    </div>
  );
}

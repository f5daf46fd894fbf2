// One attached file: its preview, its progress while it uploads, then the fitted size and any
// warning (an animation that could not be kept), or why it was refused; and a way to remove it.
import { Button } from '@/components/ui/button/button';
import type { UploadItem } from '@/features/media-upload/hooks/use-uploads';
import { fittedSizeText, formatBytes } from '@/features/media-upload/utils/format-size';

function Progress({ item }: { item: UploadItem }) {
  const label = item.progress === null ? `Fetching and fitting ${item.name}` : `Uploading ${item.name}`;
  const percent = item.progress === null ? undefined : Math.round(item.progress * 100);
  return (
    <div className="mt-1">
      <progress
        className="h-2 w-full accent-indigo-700 dark:accent-indigo-400"
        max={100}
        value={percent}
        aria-label={label}
      />
      <p className="text-xs text-gray-700 dark:text-gray-300">
        {percent === undefined ? 'Fetching and fitting…' : percent < 100 ? `Uploading… ${percent} %` : 'Fitting for phones…'}
      </p>
    </div>
  );
}

export function UploadItemView({ item, onRemove, disabled }: { item: UploadItem; onRemove: () => void; disabled?: boolean }) {
  const media = item.media;
  return (
    <li data-testid="upload-item" data-status={item.status} className="flex gap-3 rounded-md border border-gray-300 p-2 dark:border-gray-700">
      <div className="flex h-16 w-16 shrink-0 items-center justify-center overflow-hidden rounded bg-gray-100 dark:bg-gray-800">
        {item.previewUrl ? (
          <img src={item.previewUrl} alt={`Preview of ${item.name}`} className="h-full w-full object-cover" />
        ) : (
          <span aria-hidden="true" className="text-xs text-gray-600 dark:text-gray-400">…</span>
        )}
      </div>
      <div className="min-w-0 flex-1 text-sm">
        <p className="truncate font-medium text-gray-900 dark:text-gray-100" title={item.name}>
          {item.name}
          {item.originalBytes !== null && item.status !== 'done' ? (
            <span className="font-normal text-gray-700 dark:text-gray-300"> · {formatBytes(item.originalBytes)}</span>
          ) : null}
        </p>
        {item.status === 'uploading' ? <Progress item={item} /> : null}
        {item.status === 'done' && media ? (
          <p data-testid="fitted-size" className="text-gray-800 dark:text-gray-200">{fittedSizeText(media)}</p>
        ) : null}
        {media?.warnings.map((warning) => (
          <p key={warning} className="mt-1 font-medium text-amber-900 dark:text-amber-200">{warning}</p>
        ))}
        {item.status === 'failed' ? (
          <p role="alert" className="mt-1 font-medium text-red-700 dark:text-red-300">Not attached: {item.error}</p>
        ) : null}
      </div>
      <Button variant="secondary" onClick={onRemove} disabled={disabled} className="self-start" aria-label={`Remove ${item.name}`}>
        Remove
      </Button>
    </li>
  );
}

// Pictures from the device for the send page and the reply box: a drop zone that is also a button
// (it opens the file picker; files can be dropped on it or pasted into the form), then one row per
// file with its progress, preview and fitted size. The state lives in useUploads, owned by the form.
import { useId, useRef, useState, type DragEvent } from 'react';
import { UploadItemView } from '@/features/media-upload/components/upload-item';
import type { Uploads } from '@/features/media-upload/hooks/use-uploads';
import { formatBytes } from '@/features/media-upload/utils/format-size';
import { acceptedImageTypes, maxMediaPerMessage, maxTotalMediaBytes } from '@/features/media-upload/utils/upload-limits';

type MediaUploaderProps = { uploads: Uploads; disabled?: boolean };

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function MediaUploader({ uploads, disabled = false }: MediaUploaderProps) {
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const blocked = disabled || !uploads.canAdd;

  function handleDrop(event: DragEvent) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    if (!disabled) uploads.addFiles(Array.from(event.dataTransfer.files));
  }

  const zoneTone = dragging
    ? 'border-indigo-700 bg-indigo-50 dark:border-indigo-300 dark:bg-indigo-950'
    : 'border-gray-500 bg-white hover:bg-gray-50 dark:border-gray-500 dark:bg-gray-900 dark:hover:bg-gray-800';

  return (
    <div className="space-y-2">
      <button
        type="button"
        data-testid="media-drop-zone"
        disabled={blocked}
        aria-describedby={hintId}
        onClick={() => inputRef.current?.click()}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
        className={`flex min-h-20 w-full flex-col items-center justify-center rounded-md border-2 border-dashed px-4 py-3 text-center text-sm font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60 dark:text-gray-100 dark:focus-visible:outline-indigo-300 ${zoneTone}`}
      >
        {uploads.canAdd ? 'Add pictures from this device' : `${maxMediaPerMessage} pictures attached: the most a message can carry`}
        <span className="mt-1 block text-xs font-normal text-gray-700 dark:text-gray-300">
          {uploads.canAdd ? 'Choose files, drop them here or paste them' : 'Remove one to add another'}
        </span>
      </button>
      <p id={hintId} className="text-sm text-gray-700 dark:text-gray-300">
        JPEG, PNG or GIF, up to {maxMediaPerMessage} per message and {formatBytes(maxTotalMediaBytes)} together after fitting.
        Large photos are resized to what phones receive, turned upright, and their location and other metadata removed.
      </p>
      <input
        ref={inputRef}
        type="file"
        accept={acceptedImageTypes}
        multiple
        hidden
        data-testid="media-file-input"
        onChange={(event) => {
          uploads.addFiles(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      {uploads.refusals.length > 0 ? (
        <ul role="alert" className="space-y-1 text-sm font-medium text-red-700 dark:text-red-300">
          {uploads.refusals.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
      {uploads.items.length > 0 ? (
        <ul aria-label="Attached pictures" className="space-y-2">
          {uploads.items.map((item) => (
            <UploadItemView key={item.key} item={item} onRemove={() => uploads.remove(item.key)} disabled={disabled} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

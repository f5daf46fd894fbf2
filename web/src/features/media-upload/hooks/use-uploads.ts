// The files attached to one message: each is uploaded on its own request as soon as it is added,
// with its progress; finished ones carry the server's fitted copy. Limits are checked before a
// byte is sent; refusals are kept as sentences until the next addition. Uploads in flight are
// cancelled when the form goes away, and previews made from local files are released.
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { uploadFromUrl } from '@/features/media-upload/api/media-links';
import { uploadMediaFile } from '@/features/media-upload/api/upload-media';
import type { UploadedMedia } from '@/features/media-upload/types';
import { checkFiles, totalSizeProblem } from '@/features/media-upload/utils/upload-checks';
import { maxMediaPerMessage } from '@/features/media-upload/utils/upload-limits';

export type UploadItem = {
  key: number;
  name: string;
  originalBytes: number | null;
  // A local object URL while uploading, then mmsgate's copy.
  previewUrl: string;
  status: 'uploading' | 'done' | 'failed';
  // 0..1; null while the size is not known (a link being fetched).
  progress: number | null;
  media?: UploadedMedia;
  error?: string;
};

let nextKey = 0;
const newKey = () => (nextKey += 1);

function doneItem(media: UploadedMedia): UploadItem {
  return { key: newKey(), name: media.filename || 'picture', originalBytes: media.originalBytes, previewUrl: media.url, status: 'done', progress: 1, media };
}

const errorText = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The file could not be uploaded.');
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

// `otherMedia`: how many media links the message already has (they share the limit).
export function useUploads(initial: UploadedMedia[] = [], otherMedia = 0) {
  const [items, setItems] = useState<UploadItem[]>(() => initial.map(doneItem));
  const [refusals, setRefusals] = useState<string[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  const objectUrls = useRef(new Map<number, string>());

  const update = useCallback((key: number, change: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const release = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    const url = objectUrls.current.get(key);
    if (url) URL.revokeObjectURL(url);
    objectUrls.current.delete(key);
  }, []);

  useEffect(() => {
    const open = controllers.current;
    const urls = objectUrls.current;
    return () => {
      for (const controller of open.values()) controller.abort();
      for (const url of urls.values()) URL.revokeObjectURL(url);
    };
  }, []);

  const room = maxMediaPerMessage - otherMedia - items.length;

  const run = useCallback(
    (key: number, work: (signal: AbortSignal) => Promise<UploadedMedia>) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      return work(controller.signal).then(
        (media) => {
          controllers.current.delete(key);
          // The preview becomes the fitted copy: what the recipient will get.
          update(key, { status: 'done', progress: 1, media, ...(media.url ? { previewUrl: media.url } : {}) });
          const local = objectUrls.current.get(key);
          if (local && media.url) {
            URL.revokeObjectURL(local);
            objectUrls.current.delete(key);
          }
          return true;
        },
        (error: unknown) => {
          controllers.current.delete(key);
          if (!isAbort(error)) update(key, { status: 'failed', error: errorText(error) });
          return false;
        },
      );
    },
    [update],
  );

  const addFiles = useCallback(
    (files: File[]) => {
      const { accepted, refusals: refused } = checkFiles(files, room);
      setRefusals(refused);
      const added = accepted.map((file): UploadItem => {
        const key = newKey();
        const previewUrl = URL.createObjectURL(file);
        objectUrls.current.set(key, previewUrl);
        return { key, name: file.name || 'Pasted picture', originalBytes: file.size, previewUrl, status: 'uploading', progress: 0 };
      });
      setItems((current) => [...current, ...added]);
      accepted.forEach((file, index) => {
        const key = added[index]!.key;
        void run(key, (signal) => uploadMediaFile(file, { signal, onProgress: (progress) => update(key, { progress }) }));
      });
    },
    [room, run, update],
  );

  // Resolves true once the link's picture is attached (then the link can go).
  const attachFromUrl = useCallback(
    (url: string): Promise<boolean> => {
      const key = newKey();
      const name = url.split(/[?#]/)[0]?.split('/').pop() || url;
      setRefusals([]);
      setItems((current) => [...current, { key, name, originalBytes: null, previewUrl: '', status: 'uploading', progress: null }]);
      return run(key, (signal) => uploadFromUrl(url, signal));
    },
    [run],
  );

  const remove = useCallback(
    (key: number) => {
      release(key);
      setItems((current) => current.filter((item) => item.key !== key));
      setRefusals([]);
    },
    [release],
  );

  const clear = useCallback(() => {
    for (const key of [...controllers.current.keys(), ...objectUrls.current.keys()]) release(key);
    setItems([]);
    setRefusals([]);
  }, [release]);

  // The list becomes these finished uploads (a message filled in again).
  const replace = useCallback(
    (media: UploadedMedia[]) => {
      clear();
      setItems(media.map(doneItem));
    },
    [clear],
  );

  const handlePaste = useCallback(
    (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      addFiles(files);
    },
    [addFiles],
  );

  const uploaded = useMemo(() => items.flatMap((item) => (item.status === 'done' && item.media ? [item.media] : [])), [items]);
  const inFlight = items.some((item) => item.status === 'uploading');
  const failed = items.some((item) => item.status === 'failed');

  // Why the message cannot be sent with these files yet, else undefined.
  const blocker = inFlight
    ? 'Wait until the pictures have finished uploading.'
    : failed
      ? 'A picture could not be uploaded: remove it (or add it again) before sending.'
      : totalSizeProblem(uploaded);

  return { items, refusals, uploaded, inFlight, blocker, room, canAdd: room > 0, addFiles, attachFromUrl, remove, clear, replace, handlePaste };
}

export type Uploads = ReturnType<typeof useUploads>;

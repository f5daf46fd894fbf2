// POST /api/uploads: one file per request, sent with XMLHttpRequest because fetch reports no upload
// progress. The answer is the server's fitted copy; an error answer becomes the same ApiError the
// JSON API gives (its text names what is wrong with the file).
import type { UploadedMedia } from '@/features/media-upload/types';
import { parseUploadedMedia } from '@/features/media-upload/utils/parse-media';
import { apiUrl, networkError, notifyUnauthorized, toApiError } from '@/lib/api-client';

export type UploadOptions = {
  // 0..1 while the bytes leave the browser.
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function uploadMediaFile(file: File, { onProgress, signal }: UploadOptions = {}): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/api/uploads'));
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(1, event.loaded / event.total));
    };
    request.onload = () => {
      const body = parseBody(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        onProgress?.(1);
        resolve(parseUploadedMedia(body));
        return;
      }
      if (request.status === 401) notifyUnauthorized();
      const retryAfter = Number.parseInt(request.getResponseHeader('Retry-After') ?? '', 10);
      reject(toApiError(request.status, body, Number.isFinite(retryAfter) ? retryAfter : undefined));
    };
    request.onerror = () => reject(networkError(new Error('upload failed')));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

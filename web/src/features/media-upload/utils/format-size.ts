// Sizes and fitting results in the words the upload list shows: "3.9 MB → 580 KB, resized to 1200×1600".
import type { UploadedMedia } from '@/features/media-upload/types';

// Binary units, as the server's settings name them (600 KB = 614,400 bytes).
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1).replace(/\.0$/, '') : Math.round(megabytes)} MB`;
}

export function dimensions(media: Pick<UploadedMedia, 'width' | 'height'>): string | undefined {
  return media.width && media.height ? `${media.width}×${media.height}` : undefined;
}

export function fittedSizeText(media: UploadedMedia): string {
  const size = dimensions(media);
  if (!media.fitted) return `${formatBytes(media.bytes)}${size ? `, ${size}` : ''}, sent as it is`;
  const from = media.originalBytes > 0 ? `${formatBytes(media.originalBytes)} → ` : '';
  return `${from}${formatBytes(media.bytes)}${size ? `, resized to ${size}` : ''}`;
}

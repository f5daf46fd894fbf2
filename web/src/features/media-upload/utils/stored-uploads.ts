// Uploads kept in a draft (localStorage): read back defensively, dropping anything without an id.
import type { UploadedMedia } from '@/features/media-upload/types';
import { parseUploadedMedia } from '@/features/media-upload/utils/parse-media';

export function parseStoredUploads(value: unknown): UploadedMedia[] {
  return Array.isArray(value) ? value.map(parseUploadedMedia).filter((media) => media.id !== '') : [];
}

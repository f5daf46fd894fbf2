// The checks made before a file is uploaded, and the total after fitting. Each refusal is a
// sentence naming the file, shown above the list.
import type { UploadedMedia } from '@/features/media-upload/types';
import { formatBytes } from '@/features/media-upload/utils/format-size';
import { maxMediaPerMessage, maxTotalMediaBytes, maxUploadBytes } from '@/features/media-upload/utils/upload-limits';

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/gif']);

export type FileCheck = { accepted: File[]; refusals: string[] };

// `room`: how many more media this message can carry.
export function checkFiles(files: File[], room: number): FileCheck {
  const accepted: File[] = [];
  const refusals: string[] = [];
  for (const file of files) {
    const name = file.name || 'The pasted picture';
    if (file.type !== '' && !imageTypes.has(file.type)) {
      refusals.push(`“${name}” was not added: only JPEG, PNG and GIF pictures can be sent (this is ${file.type}).`);
    } else if (file.size > maxUploadBytes) {
      refusals.push(`“${name}” was not added: it is ${formatBytes(file.size)}, the limit is ${formatBytes(maxUploadBytes)} per file.`);
    } else if (file.size === 0) {
      refusals.push(`“${name}” was not added: the file is empty.`);
    } else if (accepted.length >= room) {
      refusals.push(`“${name}” was not added: a message carries at most ${maxMediaPerMessage} pictures and links together.`);
    } else {
      accepted.push(file);
    }
  }
  return { accepted, refusals };
}

// The sentence shown while the fitted files together are over the per-message limit, else undefined.
export function totalSizeProblem(media: UploadedMedia[]): string | undefined {
  const total = media.reduce((sum, item) => sum + item.bytes, 0);
  if (total <= maxTotalMediaBytes) return undefined;
  return `The attached pictures are ${formatBytes(total)} together; a message can carry at most ${formatBytes(maxTotalMediaBytes)}. Remove a picture to send.`;
}

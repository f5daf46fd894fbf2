// A media link checked by the server before money is spent (POST /api/media/preflight), and a link
// to a too-large image fetched, fitted and kept as an upload (POST /api/uploads/from-url).
import type { PreflightVerdict, UploadedMedia } from '@/features/media-upload/types';
import { parsePreflight, parseUploadedMedia } from '@/features/media-upload/utils/parse-media';
import { apiRequest } from '@/lib/api-client';

export async function preflightMediaUrl(url: string, signal?: AbortSignal): Promise<PreflightVerdict> {
  const response = await apiRequest<unknown>('/api/media/preflight', { method: 'POST', json: { url }, signal });
  return parsePreflight(response.data);
}

export async function uploadFromUrl(url: string, signal?: AbortSignal): Promise<UploadedMedia> {
  const response = await apiRequest<unknown>('/api/uploads/from-url', { method: 'POST', json: { url }, signal });
  return parseUploadedMedia(response.data);
}

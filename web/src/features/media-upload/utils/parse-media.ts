// Reads the media API's JSON defensively. Field names are accepted in snake_case (the media API)
// and camelCase (the rest of the API), and only same-origin /api/media/ URLs are ever shown.
import type { PreflightVerdict, SentMedia, UploadedMedia } from '@/features/media-upload/types';
import { apiUrl } from '@/lib/api-client';

type Json = Record<string, unknown>;

const asJson = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const asString = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

// The first of the spellings that is present.
function field(json: Json, snake: string, camel: string): unknown {
  return json[snake] ?? json[camel];
}

// mmsgate's copy of media `id`: the URL the server gave when it is its own, else the canonical one.
export function mediaUrlOf(id: string, given: unknown): string {
  const url = asString(given);
  if (url.startsWith('/api/media/')) return apiUrl(url);
  return id === '' ? '' : apiUrl(`/api/media/${encodeURIComponent(id)}`);
}

export function parseUploadedMedia(value: unknown): UploadedMedia {
  const json = asJson(value);
  const id = asString(json.id);
  return {
    id,
    filename: asString(json.filename),
    contentType: asString(field(json, 'content_type', 'contentType')),
    originalBytes: asNumber(field(json, 'original_bytes', 'originalBytes')) ?? 0,
    bytes: asNumber(json.bytes) ?? 0,
    width: asNumber(json.width),
    height: asNumber(json.height),
    fitted: json.fitted === true,
    animated: json.animated === true,
    warnings: Array.isArray(json.warnings) ? json.warnings.map(asString).filter((text) => text !== '') : [],
    url: mediaUrlOf(id, json.url),
  };
}

const verdicts: readonly string[] = ['ok', 'too_large', 'refused'];

export function parsePreflight(value: unknown): PreflightVerdict {
  const json = asJson(value);
  const verdict = asString(json.verdict);
  return {
    verdict: (verdicts.includes(verdict) ? verdict : 'refused') as PreflightVerdict['verdict'],
    reason: asString(json.reason),
    status: asNumber(json.status),
    contentType: asString(field(json, 'content_type', 'contentType')),
    contentLength: asNumber(field(json, 'content_length', 'contentLength')),
    image: json.image === true,
  };
}

// A sent message's `media`; received media (with a `state`) other than `stored` is left out.
export function parseSentMedia(value: unknown): SentMedia[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const json = asJson(item);
    const id = asString(json.id);
    if (id === '' || (json.state !== undefined && json.state !== 'stored')) return [];
    return [
      {
        id,
        url: mediaUrlOf(id, json.url),
        contentType: asString(field(json, 'content_type', 'contentType')),
        bytes: asNumber(json.bytes),
        width: asNumber(json.width),
        height: asNumber(json.height),
      },
    ];
  });
}

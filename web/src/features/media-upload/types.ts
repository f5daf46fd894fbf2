// The records of the media API: an upload as the server kept it (fitted to what carriers deliver),
// a link's preflight verdict, and the media a sent message carries.

export type UploadedMedia = {
  id: string;
  filename: string;
  contentType: string;
  originalBytes: number;
  bytes: number;
  width: number | null;
  height: number | null;
  // The server resized or re-encoded it to fit the carrier target.
  fitted: boolean;
  animated: boolean;
  warnings: string[];
  // mmsgate's own copy (same origin).
  url: string;
};

export type PreflightVerdict = {
  verdict: 'ok' | 'too_large' | 'refused';
  reason: string;
  status: number | null;
  contentType: string;
  contentLength: number | null;
  image: boolean;
};

export type SentMedia = {
  id: string;
  url: string;
  contentType: string;
  bytes: number | null;
  width: number | null;
  height: number | null;
};

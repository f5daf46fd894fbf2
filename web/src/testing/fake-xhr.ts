// An XMLHttpRequest stand-in for upload tests: records each request (method, URL, the FormData
// sent) and lets the test drive it: report upload progress, then answer or fail.
import { vi } from 'vitest';

type Listener = ((event: ProgressEvent) => void) | null;

export class FakeUpload {
  method = '';
  url = '';
  body: FormData | null = null;
  headers = new Map<string, string>();
  withCredentials = false;
  status = 0;
  responseText = '';
  upload: { onprogress: Listener } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  aborted = false;
  private responseHeaders = new Map<string, string>();

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name.toLowerCase()) ?? null;
  }
  send(body: FormData) {
    this.body = body;
    fakeUploads.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  // The file the request carries in the field `file`.
  file(): File | null {
    const value = this.body?.get('file');
    return value instanceof File ? value : null;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    for (const [name, value] of Object.entries(headers)) this.responseHeaders.set(name.toLowerCase(), value);
    this.onload?.();
  }
  fail() {
    this.onerror?.();
  }
}

export const fakeUploads: FakeUpload[] = [];

export function installFakeXhr() {
  fakeUploads.length = 0;
  vi.stubGlobal('XMLHttpRequest', FakeUpload);
  if (!('createObjectURL' in URL)) {
    Object.assign(URL, { createObjectURL: () => 'blob:fake', revokeObjectURL: () => {} });
  }
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => `blob:${(file as File).name}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  return fakeUploads;
}

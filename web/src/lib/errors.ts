// Small helpers for the failures a page's requests end with.

// Whatever was thrown, as an Error to show.
export function asError(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}

// A request the page aborted itself (it moved on): nothing to show.
export function isAbort(cause: unknown): boolean {
  return cause instanceof DOMException && cause.name === 'AbortError';
}

// The sentence to show for a failed request (an ApiError's message is written for people).
export function errorMessage(cause: unknown): string {
  return cause instanceof Error && cause.message ? cause.message : 'Something went wrong.';
}

// Hands a request's value to `done`, or its failure (as an Error) to `failed`, unless the page
// aborted the request itself: then neither runs.
export function whenSettled<T>(request: Promise<T>, done: (value: T) => void, failed: (error: Error) => void): void {
  request.then(done, (cause: unknown) => {
    if (!isAbort(cause)) failed(asError(cause));
  });
}

// One Idempotency-Key per submission. While a submission is in flight, further submits (a double
// click, Enter pressed twice) are refused, so the message is never sent twice. If no answer came
// back at all (network failure), the request may still have reached the server: a retry of the same
// content reuses the key so the server can recognise it. Any answer ends the submission.

export type SubmissionTicket = { key: string };

export type SubmissionGuard = {
  // Starts a submission of `content` (a stable serialisation of the request body), or returns
  // null while another one is in flight.
  begin: (content: string) => SubmissionTicket | null;
  // `answered`: the server replied (success or error), so the next submit is a new submission.
  // `no-answer`: unknown outcome; the same content will be retried under the same key.
  finish: (outcome: 'answered' | 'no-answer') => void;
  isInFlight: () => boolean;
};

export function createSubmissionGuard(newKey: () => string = () => crypto.randomUUID()): SubmissionGuard {
  let inFlight = false;
  let unconfirmed: { key: string; content: string } | null = null;
  let current: { key: string; content: string } | null = null;

  return {
    begin(content) {
      if (inFlight) return null;
      const key = unconfirmed && unconfirmed.content === content ? unconfirmed.key : newKey();
      current = { key, content };
      inFlight = true;
      return { key };
    },
    finish(outcome) {
      unconfirmed = outcome === 'no-answer' ? current : null;
      current = null;
      inFlight = false;
    },
    isInFlight: () => inFlight,
  };
}

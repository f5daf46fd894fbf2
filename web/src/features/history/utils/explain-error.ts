// Errors as people can read them. mmsgate's own texts about a failed exchange with Plivo end in a
// technical detail ("(curl error 52)", "HTTP 503"): it goes behind a "details" toggle and a sentence
// in words is shown instead; a bare technical text gets a sentence of its own.

export type ExplainedError = { summary: string; detail: string | undefined };

const technicalTail = /\s*\(((?:curl error|HTTP|errno|code)\b[^)]*)\)\s*\.?\s*$/i;
const bareTechnical = /^(curl error \d+|HTTP \d{3}|errno \d+)/i;

const curlMeanings: Record<string, string> = {
  '6': 'Plivo’s address could not be found.',
  '7': 'Plivo could not be reached.',
  '28': 'Plivo did not answer in time.',
  '35': 'The secure connection to Plivo could not be set up.',
  '52': 'Plivo closed the connection without answering.',
  '56': 'The connection to Plivo broke while waiting for its answer.',
};

function sentenceFor(technical: string): string {
  const curl = /curl error (\d+)/i.exec(technical);
  if (curl?.[1] && curlMeanings[curl[1]]) return curlMeanings[curl[1]] as string;
  if (/HTTP 5\d\d/i.test(technical)) return 'Plivo had a problem and did not take the message.';
  return 'The exchange with Plivo failed.';
}

export function explainError(text: string): ExplainedError {
  const trimmed = text.trim();
  const tail = technicalTail.exec(trimmed);
  if (tail?.[1]) {
    // libcurl's own words before "(curl error N)" are as technical as the number: all of it goes
    // behind the toggle. mmsgate's and Plivo's sentences before an HTTP status stay in view.
    if (/^curl error/i.test(tail[1])) return { summary: sentenceFor(tail[1]), detail: trimmed };
    const summary = trimmed.slice(0, tail.index).trim();
    return { summary: summary ? `${summary.replace(/[.:;,]$/, '')}. ${sentenceFor(tail[1])}` : sentenceFor(tail[1]), detail: tail[1] };
  }
  if (bareTechnical.test(trimmed)) return { summary: sentenceFor(trimmed), detail: trimmed };
  return { summary: trimmed, detail: undefined };
}

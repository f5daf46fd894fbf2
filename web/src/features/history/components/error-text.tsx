// An error in words, with its technical detail (if any) behind a "Details" toggle.
import { explainError } from '@/features/history/utils/explain-error';

export function ErrorText({ text }: { text: string }) {
  const { summary, detail } = explainError(text);
  return (
    <>
      {summary}
      {detail ? (
        <details className="mt-1 inline-block align-top">
          <summary className="cursor-pointer text-sm underline underline-offset-2">Details</summary>
          <span className="font-mono text-xs">{detail}</span>
        </details>
      ) : null}
    </>
  );
}

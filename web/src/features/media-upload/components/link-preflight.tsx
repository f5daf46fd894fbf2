// The server's check of a media link, shown under the field once typing pauses: whether Plivo can
// fetch it and whether phones will get it. A too-large image can be fetched, fitted and attached
// instead (`onFetchAndAttach`; the link then turns into an attached picture).
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button/button';
import { preflightMediaUrl } from '@/features/media-upload/api/media-links';
import type { PreflightVerdict } from '@/features/media-upload/types';
import { formatBytes } from '@/features/media-upload/utils/format-size';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

type LinkPreflightProps = {
  id: string;
  // A URL that passed the browser's own checks, else undefined.
  url: string | undefined;
  onFetchAndAttach?: ((url: string) => Promise<boolean>) | undefined;
};

type Check = { url: string; verdict: PreflightVerdict | undefined };

export const preflightDelayMs = 600;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function describe(verdict: PreflightVerdict): string {
  const size = verdict.contentLength !== null ? formatBytes(verdict.contentLength) : undefined;
  const kind = [verdict.contentType, size].filter(Boolean).join(', ');
  if (verdict.verdict === 'ok') return `Link checked: Plivo can fetch it${kind ? ` (${kind})` : ''}.`;
  if (verdict.verdict === 'too_large') return sentence(verdict.reason || 'This file is larger than phones receive');
  return `This link cannot be sent. ${sentence(verdict.reason || 'The server refused it')}`;
}

const tones = {
  ok: 'text-green-800 dark:text-green-300',
  too_large: 'text-amber-900 dark:text-amber-200',
  refused: 'text-red-700 dark:text-red-300',
} as const;

export function LinkPreflight({ id, url, onFetchAndAttach }: LinkPreflightProps) {
  const settled = useDebouncedValue(url, preflightDelayMs);
  const [check, setCheck] = useState<Check | undefined>(undefined);
  const [attaching, setAttaching] = useState(false);

  useEffect(() => {
    if (!settled) return;
    const controller = new AbortController();
    setCheck({ url: settled, verdict: undefined });
    preflightMediaUrl(settled, controller.signal).then(
      (verdict) => setCheck({ url: settled, verdict }),
      () => {
        // No verdict (an older server, no connection): the field stays as it was; sending still checks.
        if (!controller.signal.aborted) setCheck(undefined);
      },
    );
    return () => controller.abort();
  }, [settled]);

  if (!url || !check || check.url !== url) return null;
  const verdict = check.verdict;
  if (!verdict) {
    return (
      <p id={id} role="status" className="mt-1 text-sm text-gray-700 dark:text-gray-300">
        Checking the link…
      </p>
    );
  }
  const canFit = verdict.verdict === 'too_large' && verdict.image && onFetchAndAttach;
  return (
    <div id={id} role="status" data-testid="link-verdict" data-verdict={verdict.verdict} className="mt-1 text-sm">
      <p className={`font-medium ${tones[verdict.verdict]}`}>{describe(verdict)}</p>
      {canFit ? (
        <Button
          variant="secondary"
          className="mt-2"
          isLoading={attaching}
          disabled={attaching}
          onClick={() => {
            setAttaching(true);
            void onFetchAndAttach(url).finally(() => setAttaching(false));
          }}
        >
          Fetch, fit and attach
        </Button>
      ) : null}
    </div>
  );
}

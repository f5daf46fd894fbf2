// The reply box under a thread: text with the SMS segment count as you type, optional pictures
// (uploaded from the device, pasted, or public URLs; then the reply goes as an MMS), Ctrl/Cmd+Enter sends. One Idempotency-Key per submission
// (a double click or Enter twice sends once; a retry after no answer reuses the key), the unsent
// reply is kept per conversation, and the outcome is announced under the box.
import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { controlClassName, describedBy, FieldError } from '@/components/ui/form-field/form-field';
import type { Conversation } from '@/features/conversations/types';
import { MediaUploader } from '@/features/media-upload/components/media-uploader';
import { useUploads } from '@/features/media-upload/hooks/use-uploads';
import { maxMediaPerMessage } from '@/features/media-upload/utils/upload-limits';
import { loadReplyDraft, saveReplyDraft } from '@/features/conversations/utils/reply-draft';
import { measureSms } from '@/features/conversations/utils/sms-segments';
import { sendMessage, sendMessagePayload, type SendMmsResult } from '@/features/send-mms/api/send-mms';
import { MediaUrlList } from '@/features/send-mms/components/media-url-list';
import { maxMessageCharacters } from '@/features/send-mms/utils/limits';
import { checkMediaUrl } from '@/features/send-mms/utils/media-url';
import { countCharacters } from '@/features/send-mms/utils/message-length';
import { newRow, type Row } from '@/features/send-mms/utils/rows';
import { createSubmissionGuard, type SubmissionGuard } from '@/features/send-mms/utils/submission-guard';
import { SuppressionWarning } from '@/features/suppressions/components/suppression-warning';
import { ApiError } from '@/lib/api-client';

export const replyInputId = 'reply-text';
const counterId = 'reply-count';

type ReplyComposerProps = {
  conversation: Conversation;
  owner: string;
  onSent: (result: SendMmsResult) => void;
  createGuard?: () => SubmissionGuard;
};

function rowsOf(urls: string[] | undefined): Row[] {
  return urls && urls.length > 0 ? urls.map((url) => ({ ...newRow(url), touched: url.trim() !== '' })) : [newRow()];
}

const outcomeTones = {
  success: 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100',
  info: 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100',
} as const;

// "1 SMS segment · GSM-7 · 12 septets (160 per segment)", or with pictures the MMS length.
export function segmentText(text: string, withMedia: boolean): string {
  if (withMedia) return `MMS · ${countCharacters(text).toLocaleString('en-US')} / ${maxMessageCharacters.toLocaleString('en-US')} characters`;
  const sms = measureSms(text);
  const parts = sms.segments === 1 ? '1 SMS segment' : `${sms.segments} SMS segments`;
  return `${parts} · ${sms.encoding} · ${sms.units} ${sms.encoding === 'GSM-7' ? 'septets' : 'units'} (${sms.perSegment} per segment)`;
}

function resultText(result: SendMmsResult, type: 'sms' | 'mms'): string {
  if (result.kind === 'stored') return `${result.reason ? `${result.reason} ` : ''}Saved: mmsgate is still sending it. Do not send it again; its state below updates by itself.`;
  return `Sent as ${type === 'sms' ? 'SMS' : 'MMS'}.${result.sandbox ? ' Sandbox mode: the built-in simulator received it.' : ''}`;
}

export function ReplyComposer({ conversation, owner, onSent, createGuard = createSubmissionGuard }: ReplyComposerProps) {
  const guard = useRef<SubmissionGuard | null>(null);
  guard.current ??= createGuard();
  const [restored] = useState(() => loadReplyDraft(owner, conversation.id));
  const [text, setText] = useState(restored?.text ?? '');
  const [media, setMedia] = useState<Row[]>(() => rowsOf(restored?.mediaUrls));
  const [showMedia, setShowMedia] = useState((restored?.mediaUrls.length ?? 0) > 0 || (restored?.uploads?.length ?? 0) > 0);
  const [showErrors, setShowErrors] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'info' | 'error'; text: string } | undefined>(undefined);
  const textRef = useRef<HTMLTextAreaElement | null>(null);

  const mediaUrls = showMedia ? media.map((row) => row.value.trim()).filter((url) => url !== '') : [];
  const uploads = useUploads(restored?.uploads, mediaUrls.length);
  const uploadIds = showMedia ? uploads.uploaded.map((item) => item.id) : [];
  const withMedia = mediaUrls.length > 0 || uploadIds.length > 0;

  useEffect(() => {
    saveReplyDraft(owner, conversation.id, {
      text,
      mediaUrls: showMedia ? media.map((row) => row.value) : [],
      uploads: showMedia ? uploads.uploaded : [],
    });
  }, [owner, conversation.id, text, media, showMedia, uploads.uploaded]);

  const mediaErrors = new Map<number, string>();
  if (showMedia) {
    for (const row of media) {
      const problem = row.value.trim() === '' ? undefined : checkMediaUrl(row.value);
      if (problem) mediaErrors.set(row.key, problem);
    }
  }
  const tooLong = countCharacters(text) > maxMessageCharacters;
  const empty = text.trim() === '' && !withMedia;
  const mediaProblem = showMedia ? uploads.blocker : undefined;
  const textError = tooLong
    ? `The reply is too long (at most ${maxMessageCharacters.toLocaleString('en-US')} characters).`
    : showErrors && empty
      ? 'Write a reply or add a picture.'
      : undefined;

  async function send() {
    const submissions = guard.current;
    if (!submissions || submissions.isInFlight()) return;
    setShowErrors(true);
    if (tooLong || empty || mediaErrors.size > 0 || mediaProblem) {
      if (tooLong || empty) textRef.current?.focus();
      return;
    }
    const input = { from: conversation.ourNumber, to: conversation.theirNumber, text, mediaUrls, uploadIds, origin: 'reply' as const };
    const ticket = submissions.begin(JSON.stringify(sendMessagePayload(input)));
    if (!ticket) return;
    const type = withMedia ? 'mms' : 'sms';
    setIsSending(true);
    setOutcome(undefined);
    try {
      const result = await sendMessage(input, ticket.key);
      submissions.finish('answered');
      setText('');
      setMedia([newRow()]);
      uploads.clear();
      setShowMedia(false);
      setShowErrors(false);
      setOutcome({ tone: result.kind === 'stored' ? 'info' : 'success', text: resultText(result, type) });
      onSent(result);
      textRef.current?.focus();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      submissions.finish(apiError?.kind === 'network' ? 'no-answer' : 'answered');
      const base = error instanceof Error ? error.message : 'The reply could not be sent.';
      setOutcome({ tone: 'error', text: apiError?.kind === 'plivo-refused' ? `${base} Nothing was sent: edit the reply and send again.` : base });
    } finally {
      setIsSending(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send();
  }

  // A picture pasted into the reply opens the pictures section, where it uploads.
  function handlePaste(event: ClipboardEvent<HTMLFormElement>) {
    if ((event.clipboardData?.files.length ?? 0) > 0) setShowMedia(true);
    uploads.handlePaste(event);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form onSubmit={handleSubmit} onPaste={handlePaste} noValidate aria-label="Reply" aria-busy={isSending || undefined} className="space-y-3">
      <SuppressionWarning number={conversation.theirNumber} />
      <div>
        <label htmlFor={replyInputId} className="sr-only">
          Reply to {conversation.theirNumber}
        </label>
        <textarea
          id={replyInputId}
          ref={textRef}
          name="text"
          rows={3}
          placeholder="Write a reply… (Ctrl+Enter sends)"
          className={`${controlClassName} resize-y`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={handleKeyDown}
          aria-invalid={textError ? true : undefined}
          aria-describedby={describedBy(replyInputId, { error: Boolean(textError), extra: [counterId] })}
        />
        <p id={counterId} className={`mt-1 text-right text-sm tabular-nums ${tooLong ? 'font-semibold text-red-700 dark:text-red-300' : 'text-gray-700 dark:text-gray-300'}`}>
          {segmentText(text, withMedia)}
        </p>
        <FieldError id={replyInputId} message={textError} />
      </div>
      {showMedia ? (
        <MediaUrlList
          rows={media}
          onChange={setMedia}
          showErrors={showErrors}
          errors={mediaErrors}
          groupError={undefined}
          maxRows={maxMediaPerMessage - uploads.items.length}
          uploader={<MediaUploader uploads={uploads} disabled={isSending} />}
          onFetchAndAttach={uploads.attachFromUrl}
        />
      ) : null}
      {showErrors && mediaProblem ? <Alert tone="error">{mediaProblem}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSending} isLoading={isSending}>
          {isSending ? 'Sending…' : withMedia ? 'Send MMS' : 'Send SMS'}
        </Button>
        {showMedia ? (
          <Button variant="secondary" onClick={() => { setShowMedia(false); setMedia([newRow()]); uploads.clear(); }} disabled={isSending}>
            Remove pictures
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setShowMedia(true)} disabled={isSending}>
            Add a picture
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite" className="empty:hidden">
        {outcome && outcome.tone !== 'error' ? (
          <p data-testid="reply-result" className={`rounded-md border p-3 text-sm ${outcomeTones[outcome.tone]}`}>
            {outcome.text}
          </p>
        ) : null}
      </div>
      {outcome?.tone === 'error' ? <Alert tone="error">{outcome.text}</Alert> : null}
    </form>
  );
}

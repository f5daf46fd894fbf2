// The send form: recipients, message and media URLs, validated in the browser first, then sent once
// per submission under one Idempotency-Key. Server errors appear next to the field they concern.
// The unsent form is kept as a draft per user; after a send the result is brought into view and
// the form is emptied. The same content to the same recipients within minutes asks first.
// Pictures from the device are uploaded as they are added (useUploads); a failed upload only marks
// its own row, never the rest of the form.
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog/confirm-dialog';
import { MediaUploader } from '@/features/media-upload/components/media-uploader';
import { useUploads } from '@/features/media-upload/hooks/use-uploads';
import type { UploadedMedia } from '@/features/media-upload/types';
import { maxMediaPerMessage } from '@/features/media-upload/utils/upload-limits';
import { sendMms, sendMmsPayload, type SendMmsInput, type SendMmsResult } from '@/features/send-mms/api/send-mms';
import { MediaUrlList, mediaInputId } from '@/features/send-mms/components/media-url-list';
import { MessageField, messageInputId } from '@/features/send-mms/components/message-field';
import { RecipientList, recipientInputId } from '@/features/send-mms/components/recipient-list';
import { TransactionalCheckbox } from '@/features/send-mms/components/transactional-checkbox';
import { discardDraft, loadDraft, saveDraft } from '@/features/send-mms/utils/draft';
import { measureMessage } from '@/features/send-mms/utils/message-length';
import { formatAsYouType, isPhoneLibraryLoaded, loadPhoneLibrary } from '@/features/send-mms/utils/phone-number';
import { lastIdenticalSend, rememberSend } from '@/features/send-mms/utils/recent-sends';
import { newRow, type Row } from '@/features/send-mms/utils/rows';
import { validateSendForm } from '@/features/send-mms/utils/send-form-validation';
import { createSubmissionGuard, type SubmissionGuard } from '@/features/send-mms/utils/submission-guard';
import { ApiError } from '@/lib/api-client';

// Not needed until the first answer: fetched right after the page shows, outside its first load.
const loadSendResult = () => import('@/features/send-mms/components/send-result');
const SendResult = lazy(() => loadSendResult().then((module) => ({ default: module.SendResult })));

type ServerFieldErrors = { to?: string; text?: string; mediaUrls?: string };

const serverFields = new Set(['to', 'text', 'mediaUrls']);

type SendMmsFormProps = {
  // Whose drafts and recent sends these are (the signed-in user's email).
  owner?: string;
  // Tests pass a guard with predictable keys.
  createGuard?: () => SubmissionGuard;
};

type PendingRepeat = { input: SendMmsInput; at: number };

type LastSent = { input: SendMmsInput; uploads: UploadedMedia[] };

const dropZoneSelector = '[data-testid="media-drop-zone"]';

function rowsOf(values: string[] | undefined): Row[] {
  return values && values.length > 0 ? values.map((value) => ({ ...newRow(value), touched: value.trim() !== '' })) : [newRow()];
}

function minutesAgo(at: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - at) / 60000));
  return minutes < 1 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
}

function listOf(numbers: string[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

function firstInvalidInputId(rows: Row[], errors: Map<number, string>, toId: (index: number) => string): string | undefined {
  const index = rows.findIndex((row) => errors.has(row.key));
  return index >= 0 ? toId(index) : undefined;
}

export function SendMmsForm({ owner = '', createGuard = createSubmissionGuard }: SendMmsFormProps) {
  const guard = useRef<SubmissionGuard | null>(null);
  guard.current ??= createGuard();
  const [restored] = useState(() => loadDraft(owner));
  const [recipients, setRecipients] = useState<Row[]>(() => rowsOf(restored?.recipients));
  const [text, setText] = useState(restored?.text ?? '');
  const [media, setMedia] = useState<Row[]>(() => rowsOf(restored?.mediaUrls));
  const [draftRestored, setDraftRestored] = useState(restored !== undefined);
  // Quiet hours do not hold a transactional message (a code, a receipt).
  const [transactional, setTransactional] = useState(false);
  const [pendingRepeat, setPendingRepeat] = useState<PendingRepeat | undefined>(undefined);
  const [lastSent, setLastSent] = useState<LastSent | undefined>(undefined);
  const repeatRef = useRef<HTMLDivElement | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServerFieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<SendMmsResult | undefined>(undefined);
  const [isSending, setIsSending] = useState(false);

  const linkCount = media.filter((row) => row.value.trim() !== '').length;
  const uploads = useUploads(restored?.uploads, linkCount);
  const validation = validateSendForm({ recipients, text, media, uploads: uploads.items.length });
  // Why the attached pictures cannot go yet (shown after a send attempt, gone once resolved).
  const mediaProblem =
    uploads.blocker ??
    (linkCount + uploads.uploaded.length > maxMediaPerMessage
      ? `A message carries at most ${maxMediaPerMessage} pictures and links together: remove some.`
      : undefined);

  // The number library arrives just after the page: then what was typed (or restored) is formatted.
  const [, setPhoneLibraryReady] = useState(isPhoneLibraryLoaded());
  useEffect(() => {
    if (isPhoneLibraryLoaded()) return;
    let current = true;
    loadPhoneLibrary().then(
      () => {
        if (!current) return;
        setPhoneLibraryReady(true);
        setRecipients((rows) => rows.map((row) => (row.value.trim() === '' ? row : { ...row, value: formatAsYouType(row.value) })));
      },
      () => {
        // Offline: the numbers stay unchecked ("Checking the number…") and Send tries again.
      },
    );
    return () => {
      current = false;
    };
  }, []);

  // Every edit is kept, so nothing typed is lost to a reload, another page or an expired session.
  useEffect(() => {
    saveDraft(owner, { recipients: recipients.map((row) => row.value), text, mediaUrls: media.map((row) => row.value), uploads: uploads.uploaded });
  }, [owner, recipients, text, media, uploads.uploaded]);

  // A new question is brought into view and focused (a new result does that itself); a question
  // answered with "Cancel" leaves the view where it is.
  const focusNext = useRef<'repeat' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'repeat' ? repeatRef.current : null;
    focusNext.current = null;
    if (!target) return;
    target.scrollIntoView?.({ block: 'center', behavior: 'instant' as ScrollBehavior });
    target.focus({ preventScroll: true });
  }, [pendingRepeat]);

  useEffect(() => {
    void loadSendResult();
  }, []);
  // Each answer gets a fresh result panel (which focuses itself).
  const [resultCount, setResultCount] = useState(0);

  function resetForm() {
    setRecipients([newRow()]);
    setText('');
    setMedia([newRow()]);
    uploads.clear();
    setShowErrors(false);
    setServerErrors({});
    setFormError(undefined);
    setDraftRestored(false);
    setTransactional(false);
    discardDraft(owner);
  }

  function handleClear() {
    resetForm();
    setPendingRepeat(undefined);
    setResult(undefined);
    document.getElementById(recipientInputId(0))?.focus();
  }

  function handleSendSameAgain() {
    if (!lastSent) return;
    setRecipients(rowsOf(lastSent.input.to));
    setText(lastSent.input.text);
    setMedia(rowsOf(lastSent.input.mediaUrls));
    uploads.replace(lastSent.uploads);
    setResult(undefined);
    setShowErrors(false);
    window.requestAnimationFrame(() => document.getElementById(recipientInputId(0))?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submissions = guard.current;
    if (!submissions || submissions.isInFlight()) return;
    setShowErrors(true);
    if (!isPhoneLibraryLoaded()) {
      try {
        await loadPhoneLibrary();
      } catch {
        setFormError('The page could not load everything it needs to check the numbers. Check your connection and try again.');
        return;
      }
    }
    const checked = isPhoneLibraryLoaded() && !validation.input ? validateSendForm({ recipients, text, media, uploads: uploads.items.length }) : validation;
    const input =
      checked.input && !mediaProblem
        ? { ...checked.input, uploadIds: uploads.uploaded.map((item) => item.id), ...(transactional ? { transactional: true } : {}) }
        : undefined;
    if (!input) {
      if (checked.input && mediaProblem) {
        document.querySelector<HTMLElement>(dropZoneSelector)?.focus();
        return;
      }
      const firstInvalid =
        firstInvalidInputId(recipients, checked.recipientErrors, recipientInputId) ??
        (checked.textError ? messageInputId : undefined) ??
        firstInvalidInputId(media, checked.mediaErrors, mediaInputId);
      if (firstInvalid) document.getElementById(firstInvalid)?.focus();
      return;
    }
    const previous = lastIdenticalSend(owner, input);
    if (previous !== undefined) {
      focusNext.current = 'repeat';
      setPendingRepeat({ input, at: previous });
      return;
    }
    await send(input);
  }

  async function send(input: SendMmsInput) {
    const submissions = guard.current;
    if (!submissions) return;
    setPendingRepeat(undefined);
    const ticket = submissions.begin(JSON.stringify(sendMmsPayload(input)));
    if (!ticket) return;
    setIsSending(true);
    setServerErrors({});
    setFormError(undefined);
    setResult(undefined);
    try {
      const answer = await sendMms(input, ticket.key);
      submissions.finish('answered');
      rememberSend(owner, input);
      const sentUploads = uploads.uploaded;
      resetForm();
      setLastSent(answer.kind === 'sent' ? { input, uploads: sentUploads } : undefined);
      setResultCount((count) => count + 1);
      setResult(answer);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      submissions.finish(apiError?.kind === 'network' ? 'no-answer' : 'answered');
      const refused = apiError?.kind === 'plivo-refused';
      const base = error instanceof Error ? error.message : 'The message could not be sent.';
      const message = refused ? `${base} Nothing was sent: edit the message and send again.` : base;
      if (apiError?.field && serverFields.has(apiError.field)) setServerErrors({ [apiError.field]: message });
      else setFormError(message);
    } finally {
      setIsSending(false);
    }
  }

  // Editing a field clears the server's complaint about it.
  // An edit takes the server's complaint about that field away: it was about the old value.
  const editOf =
    <T,>(set: (value: T) => void, field: keyof ServerFieldErrors) =>
    (value: T) => {
      set(value);
      setServerErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));
    };

  return (
    <Card>
      <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Send an MMS</h1>
      <div role="status" aria-live="polite" className="mt-4 empty:hidden">
        {isSending ? <p className="sr-only">Sending the message…</p> : null}
        {result ? (
          <Suspense fallback={null}>
            <SendResult key={resultCount} result={result} onSendSameAgain={lastSent ? handleSendSameAgain : undefined} />
          </Suspense>
        ) : null}
      </div>
      {draftRestored ? (
        <p className="mt-4 text-sm text-gray-700 dark:text-gray-300">Your unsent draft was restored.</p>
      ) : null}
      <form onSubmit={handleSubmit} onPaste={uploads.handlePaste} noValidate className="mt-4 space-y-6" aria-busy={isSending || undefined}>
        <RecipientList
          rows={recipients}
          onChange={editOf(setRecipients, 'to')}
          showErrors={showErrors}
          errors={validation.recipientErrors}
          groupError={serverErrors.to}
        />
        <MessageField
          value={text}
          onChange={editOf(setText, 'text')}
          error={serverErrors.text ?? (showErrors || measureMessage(text).tooLong ? validation.textError : undefined)}
        />
        <MediaUrlList
          rows={media}
          onChange={editOf(setMedia, 'mediaUrls')}
          showErrors={showErrors}
          errors={validation.mediaErrors}
          groupError={serverErrors.mediaUrls}
          maxRows={maxMediaPerMessage - uploads.items.length}
          uploader={<MediaUploader uploads={uploads} disabled={isSending} />}
          onFetchAndAttach={uploads.attachFromUrl}
        />
        <TransactionalCheckbox checked={transactional} onChange={setTransactional} />
        {showErrors && mediaProblem ? <Alert tone="error">{mediaProblem}</Alert> : null}
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {pendingRepeat ? (
          <ConfirmDialog
            ref={repeatRef}
            id="repeat"
            question="Send the same message again?"
            confirmLabel="Yes, send it again"
            cancelLabel="Cancel"
            onConfirm={() => void send(pendingRepeat.input)}
            onCancel={() => setPendingRepeat(undefined)}
          >
            You sent this message to {listOf(pendingRepeat.input.to)} {minutesAgo(pendingRepeat.at)}. Sending it again sends{' '}
            {pendingRepeat.input.to.length === 1 ? 'a second message' : `${pendingRepeat.input.to.length} more messages`}, each billed.
          </ConfirmDialog>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isSending || pendingRepeat !== undefined} isLoading={isSending}>
            {isSending ? 'Sending…' : 'Send MMS'}
          </Button>
          <Button variant="secondary" onClick={handleClear} disabled={isSending}>
            Clear form
          </Button>
        </div>
      </form>
    </Card>
  );
}

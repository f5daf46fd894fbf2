// The send form: recipients, message and media URLs, validated in the browser first, then sent once
// per submission under one Idempotency-Key. Server errors appear next to the field they concern.
import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { sendMms, sendMmsPayload, type SendMmsResult } from '@/features/send-mms/api/send-mms';
import { MediaUrlList, mediaInputId } from '@/features/send-mms/components/media-url-list';
import { MessageField, messageInputId } from '@/features/send-mms/components/message-field';
import { RecipientList, recipientInputId } from '@/features/send-mms/components/recipient-list';
import { SendResult } from '@/features/send-mms/components/send-result';
import { measureMessage } from '@/features/send-mms/utils/message-length';
import { newRow, type Row } from '@/features/send-mms/utils/rows';
import { validateSendForm } from '@/features/send-mms/utils/send-form-validation';
import { createSubmissionGuard, type SubmissionGuard } from '@/features/send-mms/utils/submission-guard';
import { ApiError } from '@/lib/api-client';

type ServerFieldErrors = { to?: string; text?: string; mediaUrls?: string };

const serverFields = new Set(['to', 'text', 'mediaUrls']);

type SendMmsFormProps = {
  // Tests pass a guard with predictable keys.
  createGuard?: () => SubmissionGuard;
};

function firstInvalidInputId(rows: Row[], errors: Map<number, string>, toId: (index: number) => string): string | undefined {
  const index = rows.findIndex((row) => errors.has(row.key));
  return index >= 0 ? toId(index) : undefined;
}

export function SendMmsForm({ createGuard = createSubmissionGuard }: SendMmsFormProps) {
  const guard = useRef<SubmissionGuard | null>(null);
  guard.current ??= createGuard();
  const [recipients, setRecipients] = useState<Row[]>(() => [newRow()]);
  const [text, setText] = useState('');
  const [media, setMedia] = useState<Row[]>(() => [newRow()]);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServerFieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<SendMmsResult | undefined>(undefined);
  const [isSending, setIsSending] = useState(false);

  const validation = validateSendForm({ recipients, text, media });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submissions = guard.current;
    if (!submissions || submissions.isInFlight()) return;
    setShowErrors(true);
    const input = validation.input;
    if (!input) {
      const firstInvalid =
        firstInvalidInputId(recipients, validation.recipientErrors, recipientInputId) ??
        (validation.textError ? messageInputId : undefined) ??
        firstInvalidInputId(media, validation.mediaErrors, mediaInputId);
      if (firstInvalid) document.getElementById(firstInvalid)?.focus();
      return;
    }
    const ticket = submissions.begin(JSON.stringify(sendMmsPayload(input)));
    if (!ticket) return;
    setIsSending(true);
    setServerErrors({});
    setFormError(undefined);
    setResult(undefined);
    try {
      setResult(await sendMms(input, ticket.key));
      submissions.finish('answered');
    } catch (error) {
      const apiError = error instanceof ApiError ? error : undefined;
      submissions.finish(apiError?.kind === 'network' ? 'no-answer' : 'answered');
      const message = error instanceof Error ? error.message : 'The message could not be sent.';
      if (apiError?.field && serverFields.has(apiError.field)) setServerErrors({ [apiError.field]: message });
      else setFormError(message);
    } finally {
      setIsSending(false);
    }
  }

  // Editing a field clears the server's complaint about it.
  const clearServerError = (field: keyof ServerFieldErrors) =>
    setServerErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));

  return (
    <Card>
      <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Send an MMS</h1>
      <form onSubmit={handleSubmit} noValidate className="mt-4 space-y-6" aria-busy={isSending || undefined}>
        <RecipientList
          rows={recipients}
          onChange={(rows) => {
            setRecipients(rows);
            clearServerError('to');
          }}
          showErrors={showErrors}
          errors={validation.recipientErrors}
          groupError={serverErrors.to}
        />
        <MessageField
          value={text}
          onChange={(value) => {
            setText(value);
            clearServerError('text');
          }}
          error={serverErrors.text ?? (showErrors || measureMessage(text).tooLong ? validation.textError : undefined)}
        />
        <MediaUrlList
          rows={media}
          onChange={(rows) => {
            setMedia(rows);
            clearServerError('mediaUrls');
          }}
          showErrors={showErrors}
          errors={validation.mediaErrors}
          groupError={serverErrors.mediaUrls}
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isSending} isLoading={isSending}>
            {isSending ? 'Sending…' : 'Send MMS'}
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {isSending ? <p className="sr-only">Sending the message…</p> : null}
          {result ? <SendResult result={result} /> : null}
        </div>
      </form>
    </Card>
  );
}

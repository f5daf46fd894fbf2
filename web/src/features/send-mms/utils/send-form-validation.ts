// Validates the whole send form at once; the result drives both the error texts next to each field
// and the request body. Blank extra rows are ignored so an unused "Add" never blocks sending.
import type { SendMmsInput } from '@/features/send-mms/api/send-mms';
import { maxMediaUrls, maxRecipients } from '@/features/send-mms/utils/limits';
import { checkMediaUrl } from '@/features/send-mms/utils/media-url';
import { measureMessage } from '@/features/send-mms/utils/message-length';
import { checkRecipient } from '@/features/send-mms/utils/phone-number';
import type { Row } from '@/features/send-mms/utils/rows';

// `uploads`: how many pictures are attached from the device; with one, no link is needed.
export type SendFormValues = { recipients: Row[]; text: string; media: Row[]; uploads?: number };

export type SendFormValidation = {
  recipientErrors: Map<number, string>;
  textError: string | undefined;
  mediaErrors: Map<number, string>;
  // Present only when nothing is wrong.
  input: SendMmsInput | undefined;
};

function isBlankExtra(row: Row, index: number): boolean {
  return index > 0 && row.value.trim() === '';
}

export function validateSendForm(values: SendFormValues): SendFormValidation {
  const recipientErrors = new Map<number, string>();
  const seen = new Set<string>();
  const to: string[] = [];
  values.recipients.forEach((row, index) => {
    if (isBlankExtra(row, index)) return;
    const check = checkRecipient(row.value);
    if (!check.valid) {
      recipientErrors.set(row.key, check.error);
    } else if (seen.has(check.e164)) {
      recipientErrors.set(row.key, 'This number is already in the list.');
    } else {
      seen.add(check.e164);
      to.push(check.e164);
    }
  });
  const firstRecipient = values.recipients[0];
  if (to.length > maxRecipients && firstRecipient) {
    recipientErrors.set(firstRecipient.key, `Send to at most ${maxRecipients} recipients at once.`);
  }

  const length = measureMessage(values.text);
  let textError: string | undefined;
  if (values.text.trim() === '') textError = 'Enter a message.';
  else if (length.tooLong) {
    const excess = -length.remaining;
    textError = `The message is ${excess.toLocaleString('en-US')} character${excess === 1 ? '' : 's'} too long.`;
  }

  const mediaErrors = new Map<number, string>();
  const mediaUrls: string[] = [];
  const linkOptional = (values.uploads ?? 0) > 0;
  values.media.forEach((row, index) => {
    if (isBlankExtra(row, index) || (linkOptional && row.value.trim() === '')) return;
    const problem = checkMediaUrl(row.value);
    if (problem) mediaErrors.set(row.key, problem);
    else mediaUrls.push(row.value.trim());
  });
  const firstMedia = values.media[0];
  if (mediaUrls.length > maxMediaUrls && firstMedia) {
    mediaErrors.set(firstMedia.key, `Attach at most ${maxMediaUrls} media URLs.`);
  }

  const valid = recipientErrors.size === 0 && textError === undefined && mediaErrors.size === 0;
  return {
    recipientErrors,
    textError,
    mediaErrors,
    input: valid ? { to, text: values.text, mediaUrls } : undefined,
  };
}

// The message body with a live character count against Plivo's 1,600-character MMS limit.
import { FieldFrame, controlClassName, describedBy } from '@/components/ui/form-field/form-field';
import { maxMessageCharacters } from '@/features/send-mms/utils/limits';
import { measureMessage } from '@/features/send-mms/utils/message-length';

export const messageInputId = 'message';
const counterId = 'message-count';

type MessageFieldProps = { value: string; onChange: (value: string) => void; error: string | undefined };

export function MessageField({ value, onChange, error }: MessageFieldProps) {
  const length = measureMessage(value);
  const nearLimit = length.remaining < 100;
  return (
    <FieldFrame id={messageInputId} label="Message" error={error}>
      <textarea
        id={messageInputId}
        name="text"
        rows={5}
        className={`${controlClassName} resize-y`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(messageInputId, { error: Boolean(error), extra: [counterId] })}
      />
      <p
        id={counterId}
        // Announced only near the limit; every keystroke would be noise.
        aria-live={nearLimit ? 'polite' : 'off'}
        className={`mt-1 text-right text-sm tabular-nums ${
          length.tooLong ? 'font-semibold text-red-700 dark:text-red-300' : 'text-gray-700 dark:text-gray-300'
        }`}
      >
        {length.count.toLocaleString('en-US')} / {maxMessageCharacters.toLocaleString('en-US')} characters
      </p>
    </FieldFrame>
  );
}

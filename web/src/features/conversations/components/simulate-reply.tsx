// Sandbox only: "Simulate a reply" makes the built-in Plivo simulator deliver a signed incoming
// message from the contact to mmsgate, the way Plivo would. It then arrives through the live stream.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { TextField } from '@/components/ui/form-field/form-field';
import { simulateReply } from '@/features/conversations/api/conversations';
import type { Conversation } from '@/features/conversations/types';

export function SimulateReply({ conversation }: { conversation: Conversation }) {
  const [isOpen, setIsOpen] = useState(false);
  const [text, setText] = useState('Thanks, see you then!');
  const [withPicture, setWithPicture] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSending) return;
    setIsSending(true);
    setOutcome(undefined);
    try {
      await simulateReply({ from: conversation.theirNumber, to: conversation.ourNumber, text, mediaCount: withPicture ? 1 : 0 });
      setOutcome({ ok: true, text: 'The simulator is delivering the reply; it appears in the thread in a moment.' });
      setIsOpen(false);
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof Error ? error.message : 'The simulator could not deliver the reply.' });
    } finally {
      setIsSending(false);
    }
  }

  return (
    <div className="space-y-2">
      {isOpen ? (
        <form onSubmit={handleSubmit} aria-label="Simulate a reply" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <TextField id="simulated-reply-text" label={`Reply from ${conversation.theirNumber}`} value={text} onChange={(event) => setText(event.target.value)} />
          <label className="flex items-center gap-2 text-sm text-gray-900 dark:text-gray-100">
            <input type="checkbox" checked={withPicture} onChange={(event) => setWithPicture(event.target.checked)} className="size-4" />
            With a picture (an MMS)
          </label>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={isSending} isLoading={isSending}>
              Deliver the reply
            </Button>
            <Button variant="secondary" onClick={() => setIsOpen(false)} disabled={isSending}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setIsOpen(true)}>
          Simulate a reply
        </Button>
      )}
      {outcome ? <Alert tone={outcome.ok ? 'info' : 'error'}>{outcome.text}</Alert> : null}
    </div>
  );
}

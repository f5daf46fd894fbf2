// Issue 13: a message mmsgate stored is never shown as a failure. Plivo first answers 503, then
// takes the message but the connection drops before its answer arrives. The send page shows the
// message as stored (pending/retrying/checking) with a link to it and its live state, offers no
// "try again", and a second click sends nothing new; Plivo's record (the simulator's) holds the text
// exactly once after recovery.
// Written against the contract of the exactly-once change (202 + "status" for a stored message);
// a legacy 503/504 with "status":"retrying"/"unknown" is shown the same way.
import { test, expect } from './support/fixtures';
import { expectInViewport, messageIdOf, openFilledSendForm, uniqueText } from './support/ui';

test('a 503 and then a dropped answer: stored, linked, never "try again", and sent exactly once', async ({ signedInPage: page, simulator }) => {
  test.setTimeout(120_000);
  await simulator.setFaults({ status: 503, status_count: 1, drop_after_read: true, drop_count: 1 });
  const text = uniqueText('Stored not failed');
  const form = await openFilledSendForm(page, { to: '4155550181', text });
  await form.sendButton.click();

  await expect(form.result).toContainText(/^Saved\./, { timeout: 45_000 });
  await expectInViewport(page, form.result, 'the stored result');
  await expect(page.getByText(/try again/i)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(form.result.getByRole('button', { name: /send/i })).toHaveCount(0);
  const link = form.result.getByRole('link', { name: 'View message to +14155550181' });
  await expect(link).toBeVisible();
  const id = await messageIdOf(link);

  // The form is empty: another click sends nothing new.
  await form.sendButton.click();
  await expect(page.getByText('Enter a phone number.')).toBeVisible();

  // Recovery: mmsgate finishes the message by itself; Plivo has it exactly once.
  await simulator.clearFaults();
  await expect
    .poll(async () => (await (await page.request.get(`/api/messages/${id}`)).json()).message.state, { timeout: 60_000 })
    .toMatch(/^(queued|sent|delivered)$/);
  await link.click();
  await expect(page.getByRole('heading', { name: 'Message to +14155550181' })).toBeVisible();
  await expect(page.getByRole('definition').getByText(/^(Queued|Sent|Delivered)$/)).toBeVisible({ timeout: 15_000 });
  const sends = await simulator.sendsWithText(text);
  expect(sends.filter((send) => send.messageUuids.length > 0)).toHaveLength(1);
  expect(sends).toHaveLength(1);
});

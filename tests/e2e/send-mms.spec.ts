// Sending: the result links to the message page (which shows Plivo's message uuid), and the
// simulator — the judge of what reached Plivo — records exactly one message however eagerly "Send
// MMS" is clicked.
import { test, expect } from './support/fixtures';
import type { Simulator } from './support/simulator';
import { digitsOf, goodImageUrl, openFilledSendForm, type sendForm, uniqueText } from './support/ui';

const recipient = '+1 415 555 0111';

// The simulator recorded exactly one send of `text`; the result has no raw uuid but a link to the message.
async function expectOneSend(simulator: Simulator, text: string, form: ReturnType<typeof sendForm>) {
  await expect(form.result).toContainText('Message sent.', { timeout: 10_000 });
  // A second request would arrive right after the first: give it time to show up before counting.
  await expect.poll(async () => (await simulator.sendsWithText(text)).length).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sends = await simulator.sendsWithText(text);
  expect(sends).toHaveLength(1);
  const send = sends[0]!;
  expect(send.messageUuids[0]).toBeTruthy();
  await expect(form.result).not.toContainText(send.messageUuids[0]!);
  await expect(form.result.getByRole('link', { name: /^View message to / })).toBeVisible();
  return send;
}

test('sending an MMS links to the message; the simulator got exactly what was typed', async ({ signedInPage: page, simulator }) => {
  const text = uniqueText('Check out this image!');
  const form = await openFilledSendForm(page, { to: '4155550111', text });
  // Formatted while typing, with the number it will send to.
  await expect(form.recipient).toHaveValue('(415) 555-0111');
  await expect(page.getByText('Will send to +14155550111')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Preview of media url' })).toBeVisible();

  await form.sendButton.click();
  const send = await expectOneSend(simulator, text, form);
  expect(digitsOf(send.request.dst)).toBe('14155550111');
  expect(digitsOf(send.request.src)).toBe('14155550100');
  expect(send.request.text).toBe(text);
  expect(send.request.type).toBe('mms');
  expect(send.request.media_urls).toEqual([goodImageUrl]);
});

test('a double click on "Send MMS" sends one message', async ({ signedInPage: page, simulator }) => {
  // Plivo answers slowly, so the second click lands while the first submission is in flight.
  await simulator.setFaults({ latency_ms: 1500 });
  const text = uniqueText('Double click');
  const form = await openFilledSendForm(page, { to: recipient, text });

  await form.sendButton.dblclick();
  await expect(form.sendButton).toBeDisabled();
  await expect(form.sendButton).toHaveText('Sending…');
  const send = await expectOneSend(simulator, text, form);
  await expect(form.sendButton).toBeEnabled();
  expect(digitsOf(send.request.dst)).toBe('14155550111');
  expect(send.request.media_urls).toEqual([goodImageUrl]);
});

test('two rapid clicks on "Send MMS" send one message', async ({ signedInPage: page, simulator }) => {
  await simulator.setFaults({ latency_ms: 1500 });
  const text = uniqueText('Rapid clicks');
  const form = await openFilledSendForm(page, { to: recipient, text });

  // Raw mouse clicks: no waiting for the button to be enabled between them, as a person's finger.
  await form.sendButton.scrollIntoViewIfNeeded();
  const box = await form.sendButton.boundingBox();
  expect(box).toBeTruthy();
  const x = box!.x + box!.width / 2;
  const y = box!.y + box!.height / 2;
  await page.mouse.click(x, y);
  await page.mouse.click(x, y);
  await page.keyboard.press('Enter');
  const send = await expectOneSend(simulator, text, form);
  expect(send.request.text).toBe(text);
});

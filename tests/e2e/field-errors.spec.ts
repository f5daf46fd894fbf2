// Errors appear next to the field they concern, whether the browser found them or the server did.
import { test, expect } from './support/fixtures';
import { expectErrorNextTo, goodImageUrl, openFilledSendForm, routeImages, sendForm, uniqueText } from './support/ui';

test('a UK number is refused next to the recipient field, before anything is sent', async ({ signedInPage: page, simulator }) => {
  await routeImages(page);
  const text = uniqueText('UK number');
  await page.goto('/send-mms');
  const form = sendForm(page);
  await form.recipient.fill('+44 7911 123456');
  await form.recipient.blur();
  await expectErrorNextTo(page, form.recipient, 'MMS can only be sent to US and Canadian numbers.');

  await form.message.fill(text);
  await form.mediaUrl.fill(goodImageUrl);
  await form.sendButton.click();
  await expect(form.recipient).toBeFocused();
  await expect(form.result).toHaveCount(0);
  expect(await simulator.sendsWithText(text)).toHaveLength(0);
});

test('a localhost media URL is refused next to the media field', async ({ signedInPage: page }) => {
  await page.goto('/send-mms');
  const form = sendForm(page);
  await form.recipient.fill('4155550111');
  await form.message.fill('Local picture');
  await form.mediaUrl.fill('http://localhost:8080/photo.jpg');
  // Leaving the field is enough for the error to show.
  await form.mediaUrl.blur();
  const error = 'Plivo cannot fetch media from local or private addresses. Use a public URL.';
  await expectErrorNextTo(page, form.mediaUrl, error);
  // Sending is refused and takes the person back to the field.
  await form.message.focus();
  await form.sendButton.click();
  await expect(form.mediaUrl).toBeFocused();
  await expect(page.getByText(error)).toBeVisible();
  // No preview is attempted for a URL that cannot be sent.
  await expect(page.getByRole('img', { name: 'Preview of media url' })).toHaveCount(0);
});

// Leaving an invalid field by pressing "Send MMS" once showed the field's error on blur, which
// pushed the button down between mousedown and mouseup, so the click was lost.
test('pressing "Send MMS" straight from an invalid media field submits and focuses it', async ({ signedInPage: page }) => {
  await page.goto('/send-mms');
  const form = sendForm(page);
  await form.recipient.fill('4155550111');
  await form.message.fill('Local picture');
  await form.mediaUrl.fill('http://localhost:8080/photo.jpg');
  await form.sendButton.click();
  await expect(form.mediaUrl).toBeFocused();
});

test("the server's field error (HTTP 400) shows next to its field", async ({ signedInPage: page, simulator }) => {
  const text = uniqueText('Server-side check');
  // The browser's checks let only valid numbers through, so the test plays a client whose rules are
  // out of date: it swaps the recipient in the request for a UK number on its way to the server.
  let answer: { status: number; body: unknown } | undefined;
  await page.route('**/api/send-mms', async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>;
    const response = await route.fetch({ postData: JSON.stringify({ ...body, to: '+447911123456' }) });
    answer = { status: response.status(), body: await response.json().catch(() => null) };
    await route.fulfill({ response });
  });
  const form = await openFilledSendForm(page, { to: '4155550111', text });
  await form.sendButton.click();

  await expect.poll(() => answer?.status).toBe(400);
  expect(answer?.body).toMatchObject({ success: false, field: 'to' });
  const serverMessage = String((answer?.body as { error?: unknown }).error);
  expect(serverMessage).not.toBe('');
  await expectErrorNextTo(page, form.recipient, serverMessage);
  await expect(form.result).toHaveCount(0);
  expect(await simulator.sendsWithText(text)).toHaveLength(0);

  // Editing the field clears the server's complaint.
  await form.recipient.fill('4155550112');
  await expect(page.getByText(serverMessage)).toHaveCount(0);
});

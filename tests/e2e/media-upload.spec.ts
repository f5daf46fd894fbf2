// Pictures from the device (issue 18): a 4 MB portrait phone photo with GPS in its EXIF is uploaded
// with a visible progress bar, fitted by mmsgate and sent with Plivo media_ids; the file Plivo (the
// simulator) received is small, upright and carries no metadata. Files mmsgate must not send are
// refused with a sentence a person understands, and nothing is sent.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { metadataOf, portraitPhotoWithGps, smallJpeg, uprightCheck } from './support/jpeg';
import { digitsOf, sendForm, uniqueText } from './support/ui';

// The carrier target mmsgate fits pictures to by default (MMSGATE_MEDIA_TARGET_BYTES).
const targetBytes = 600_000;

type Upload = { name: string; mimeType: string; buffer: Buffer };

// Chooses files through the drop zone button, as a person does (it opens the file picker).
async function chooseFiles(page: Page, files: Upload[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Add pictures from this device/ }).click();
  await (await chooser).setFiles(files);
}

// Slows the browser's uploads to about 1 MB/s, so the progress of a 4 MB file can be seen.
async function throttleUploads(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
}

test('a 4 MB portrait photo with GPS is uploaded with progress, fitted and sent with media_ids', async ({ signedInPage: page, simulator }) => {
  test.setTimeout(90_000);
  const photo = portraitPhotoWithGps();
  expect(photo.length).toBeGreaterThan(3_500_000);
  expect(metadataOf(photo)).toMatchObject({ hasExif: true, hasGps: true });

  await page.goto('/send-mms');
  const form = sendForm(page);
  const text = uniqueText('Photo from the shop');
  await form.recipient.fill('4155550161');
  await form.message.fill(text);
  await throttleUploads(page);
  await chooseFiles(page, [{ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo }]);

  const progress = page.getByRole('progressbar', { name: 'Uploading IMG_2041.jpg' });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/Uploading… \d+ %/)).toBeVisible();
  const fitted = page.getByTestId('fitted-size');
  await expect(fitted).toHaveText(/^\d+(\.\d)? MB → \d+ KB, resized to \d+×\d+$/, { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  // Shown upright: taller than wide.
  const [width, height] = (await fitted.textContent())!.match(/(\d+)×(\d+)$/)!.slice(1).map(Number);
  expect(height!).toBeGreaterThan(width!);
  const preview = page.getByRole('img', { name: 'Preview of IMG_2041.jpg' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((image: HTMLImageElement) => image.naturalHeight > image.naturalWidth)).toBe(true);
  // The text typed before and during the upload is all still there.
  await expect(form.message).toHaveValue(text);

  await form.sendButton.click();
  await expect(form.result).toContainText('Message sent.', { timeout: 15_000 });
  await expect.poll(async () => (await simulator.sendsWithText(text)).length).toBe(1);
  const [send] = await simulator.sendsWithText(text);
  expect(digitsOf(send!.request.dst)).toBe('14155550161');
  expect(send!.request.type).toBe('mms');
  const mediaIds = send!.request.media_ids as string[];
  expect(mediaIds).toHaveLength(1);
  expect(send!.request.media_urls ?? []).toEqual([]);

  // The file Plivo got: within the carrier target, upright, no EXIF or GPS.
  const received = await simulator.uploadedMedia(mediaIds[0]!);
  expect(received.length).toBeLessThanOrEqual(targetBytes);
  expect(metadataOf(received)).toEqual({ app1Segments: 0, hasExif: false, hasGps: false });
  const shown = uprightCheck(received);
  expect(shown.height).toBeGreaterThan(shown.width);
  expect(shown.bandOnRight).toBe(true);

  // The history shows it from mmsgate's copy.
  await form.result.getByRole('link', { name: /^View message to / }).click();
  const thumbnail = page.getByRole('img', { name: /^Sent pictures: picture 1/ });
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail.locator('xpath=..')).toHaveAttribute('target', '_blank');
});

test('a PDF named .jpg, an SVG and an 11th file are refused with a clear message, and nothing is sent', async ({ signedInPage: page, simulator }) => {
  await page.goto('/send-mms');
  const form = sendForm(page);
  const text = uniqueText('Refused files');
  await form.recipient.fill('4155550162');
  await form.message.fill(text);

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await chooseFiles(page, [{ name: 'invoice.jpg', mimeType: 'image/jpeg', buffer: pdf }]);
  const refused = page.getByTestId('upload-item').filter({ hasText: 'invoice.jpg' });
  await expect(refused.getByRole('alert')).toContainText(/^Not attached: .+/);
  await expect(refused).toHaveAttribute('data-status', 'failed');

  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
  await chooseFiles(page, [{ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: svg }]);
  await expect(page.getByText('“logo.svg” was not added: only JPEG, PNG and GIF pictures can be sent (this is image/svg+xml).')).toBeVisible();

  await form.sendButton.click();
  await expect(page.getByText('A picture could not be uploaded: remove it (or add it again) before sending.')).toBeVisible();
  await page.getByRole('button', { name: 'Remove invoice.jpg' }).click();

  const eleven = Array.from({ length: 11 }, (_, index) => ({ name: `p${index + 1}.jpg`, mimeType: 'image/jpeg', buffer: smallJpeg(index) }));
  await chooseFiles(page, eleven);
  await expect(page.getByText('“p11.jpg” was not added: a message carries at most 10 pictures and links together.')).toBeVisible();
  await expect(page.getByTestId('upload-item')).toHaveCount(10);
  await expect(page.getByRole('button', { name: /10 pictures attached: the most a message can carry/ })).toBeDisabled();

  // Nothing reached Plivo; the typed text is intact.
  expect(await simulator.sendsWithText(text)).toHaveLength(0);
  await expect(form.message).toHaveValue(text);
});

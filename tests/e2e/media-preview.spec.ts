// Media previews: the picture that will be sent, or a clear message when it cannot be loaded. The
// image host is made up and answered inside the browser (see routeImages): nothing leaves the machine.
import { test, expect } from './support/fixtures';
import { brokenImageUrl, goodImageUrl, routeImages, sendForm } from './support/ui';

test('a broken media URL shows a clear message instead of a preview', async ({ signedInPage: page }) => {
  await routeImages(page);
  await page.goto('/send-mms');
  const form = sendForm(page);

  await form.mediaUrl.fill(goodImageUrl);
  const preview = page.getByRole('img', { name: 'Preview of media url' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(480);

  await form.mediaUrl.fill(brokenImageUrl);
  await expect(page.getByText('This image could not be loaded.')).toBeVisible();
  await expect(page.getByText('Check that the URL is public and points to a JPEG, PNG or GIF image')).toBeVisible();
  await expect(preview).toHaveCount(0);
  // The message is tied to the field for screen readers.
  await expect(form.mediaUrl).toHaveAccessibleDescription(/This image could not be loaded\./);
});

// axe-core on every page a person uses, in light and dark mode, at desktop and phone size: no
// serious or critical violations.
// Pages are checked with their errors and results showing, which adds to what the plain page has
// (each scan takes seconds on this machine).
// (/setup is checked in first-run.spec.ts, the only place it is reachable.)
import { expectNoSeriousViolations } from './support/axe';
import { test, expect } from './support/fixtures';
import { fillSendForm, goodImageUrl, openFilledSendForm, routeImages, sendForm, uniqueText, viewports } from './support/ui';

for (const [size, viewport] of Object.entries(viewports))
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} mode, ${size}`, () => {
    test.use({ colorScheme, viewport });

    test('the login page with its error showing', async ({ page }, testInfo) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoSeriousViolations(page, `login-error-${colorScheme}-${size}`, testInfo);
    });

    test('the send page with field errors, and with a result', async ({ signedInPage: page }, testInfo) => {
      await routeImages(page);
      await page.goto('/send-mms');
      const form = sendForm(page);
      await expect(form.heading).toBeVisible();

      await form.sendButton.click();
      await expect(page.getByText('Enter a phone number.')).toBeVisible();
      await expectNoSeriousViolations(page, `send-mms-errors-${colorScheme}-${size}`, testInfo);

      await fillSendForm(page, { to: '4155550130', text: uniqueText('Accessible'), mediaUrl: goodImageUrl });
      await form.sendButton.click();
      await expect(form.result).toContainText('Message sent.');
      await expectNoSeriousViolations(page, `send-mms-result-${colorScheme}-${size}`, testInfo);

      // The question before the same message goes out again.
      await form.result.getByRole('button', { name: 'Send the same again…' }).click();
      await form.sendButton.click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoSeriousViolations(page, `send-mms-repeat-${colorScheme}-${size}`, testInfo);
    });

    test('the page-not-found and message-not-found pages, and the signed-out login page', async ({ signedInPage: page }, testInfo) => {
      await page.goto('/nope');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoSeriousViolations(page, `not-found-${colorScheme}-${size}`, testInfo);
      await page.goto('/messages/no-such-message');
      await expect(page.getByRole('heading', { name: 'Message not found' })).toBeVisible();
      await expectNoSeriousViolations(page, `message-not-found-${colorScheme}-${size}`, testInfo);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByText('You are signed out.')).toBeVisible();
      await expectNoSeriousViolations(page, `signed-out-${colorScheme}-${size}`, testInfo);
    });

    test('the history and message pages', async ({ signedInPage: page }, testInfo) => {
      const form = await openFilledSendForm(page, { to: '4155550131', text: uniqueText('History a11y') });
      await form.sendButton.click();
      await expect(form.result).toContainText('Message sent.');

      await page.getByRole('link', { name: 'History' }).click();
      await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();
      const entries = size === 'phone' ? page.getByRole('list', { name: 'Messages' }).locator(':scope > li') : page.getByRole('row').filter({ has: page.getByRole('cell') });
      await expect(entries).toHaveCount(1);
      if (size === 'phone') await page.getByRole('button', { name: 'Filters' }).click();
      await expectNoSeriousViolations(page, `messages-${colorScheme}-${size}`, testInfo);

      await entries.first().getByRole('link').click();
      await expect(page.getByRole('heading', { name: 'Delivery timeline' })).toBeVisible();
      await expectNoSeriousViolations(page, `message-${colorScheme}-${size}`, testInfo);
    });
  });
}

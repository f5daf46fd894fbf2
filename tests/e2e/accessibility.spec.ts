// axe-core on every page a person uses, in light and dark mode: no serious or critical violations.
// Pages are checked with their errors and results showing, which adds to what the plain page has
// (each scan takes seconds on this machine).
// (/setup is checked in first-run.spec.ts, the only place it is reachable.)
import { expectNoSeriousViolations } from './support/axe';
import { test, expect } from './support/fixtures';
import { fillSendForm, goodImageUrl, openFilledSendForm, routeImages, sendForm, uniqueText } from './support/ui';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the login page with its error showing', async ({ page }, testInfo) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoSeriousViolations(page, `login-error-${colorScheme}`, testInfo);
    });

    test('the send page with field errors, and with a result', async ({ signedInPage: page }, testInfo) => {
      await routeImages(page);
      await page.goto('/send-mms');
      const form = sendForm(page);
      await expect(form.heading).toBeVisible();

      await form.sendButton.click();
      await expect(page.getByText('Enter a phone number.')).toBeVisible();
      await expectNoSeriousViolations(page, `send-mms-errors-${colorScheme}`, testInfo);

      await fillSendForm(page, { to: '4155550130', text: uniqueText('Accessible'), mediaUrl: goodImageUrl });
      await form.sendButton.click();
      await expect(form.result).toContainText('Message sent.');
      await expectNoSeriousViolations(page, `send-mms-result-${colorScheme}`, testInfo);
    });

    test('the history and message pages', async ({ signedInPage: page }, testInfo) => {
      const form = await openFilledSendForm(page, { to: '4155550131', text: uniqueText('History a11y') });
      await form.sendButton.click();
      await expect(form.result).toContainText('Message sent.');

      await page.getByRole('link', { name: 'History' }).click();
      await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();
      await expect(page.getByRole('row')).toHaveCount(2);
      await expectNoSeriousViolations(page, `messages-${colorScheme}`, testInfo);

      await page.getByRole('row').nth(1).getByRole('link').click();
      await expect(page.getByRole('heading', { name: 'Delivery timeline' })).toBeVisible();
      await expectNoSeriousViolations(page, `message-${colorScheme}`, testInfo);
    });
  });
}

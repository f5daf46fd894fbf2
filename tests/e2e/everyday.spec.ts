// The everyday path of issue 19, at desktop (1280×800) and phone (390×844) size, as a person sees
// it: the send result in view and the form ready for the next message, a confirmation before the
// same message goes out twice, drafts that survive a reload and an expired session, a history that
// fits a phone, and a resend that asks first and then follows the message live.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe';
import { test, expect } from './support/fixtures';
import { disableUser, markMessageUnknown } from './support/mmsgate';
import {
  expectInViewport,
  expectNoHorizontalOverflow,
  goodImageUrl,
  messageIdOf,
  openFilledSendForm,
  sendForm,
  uniqueText,
  viewports,
} from './support/ui';

async function sendOne(page: Page, to: string, text: string): Promise<string> {
  const form = await openFilledSendForm(page, { to, text });
  await form.sendButton.click();
  await expect(form.result).toContainText('Message sent.', { timeout: 10_000 });
  return messageIdOf(form.result.getByRole('link', { name: /^View message to / }).first());
}

for (const [size, viewport] of Object.entries(viewports)) {
  test.describe(`${size} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });

    test('1. the send result comes into view, the form empties, and the same message again asks first', async ({ signedInPage: page, simulator }) => {
      const text = uniqueText('In view');
      const form = await openFilledSendForm(page, { to: '4155550171', text });
      await form.sendButton.click();

      await expect(form.result).toContainText('Message sent.');
      await expectInViewport(page, form.result, 'the send result');
      // Announced: it sits in a polite live region.
      await expect(page.locator('[role="status"][aria-live="polite"]').filter({ has: form.result })).toHaveCount(1);
      await expect(form.result).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      await expect(form.recipient).toHaveValue('');
      await expect(form.message).toHaveValue('');
      await expect(form.mediaUrl).toHaveValue('');
      await expectNoHorizontalOverflow(page);

      // "Send the same again" refills the form; sending it asks first and names the recipient.
      await form.result.getByRole('button', { name: 'Send the same again…' }).click();
      await expect(form.message).toHaveValue(text);
      await expect(page.getByRole('img', { name: 'Preview of media url' })).toBeVisible();
      await form.sendButton.click();
      const question = page.getByRole('alertdialog', { name: 'Send the same message again?' });
      await expectInViewport(page, question, 'the confirmation');
      await expect(question).toContainText('+14155550171');
      await question.getByRole('button', { name: 'Cancel' }).click();
      await expect(question).toHaveCount(0);
      expect(await simulator.sendsWithText(text)).toHaveLength(1);

      await form.sendButton.click();
      await page.getByRole('button', { name: 'Yes, send it again' }).click();
      await expect.poll(async () => (await simulator.sendsWithText(text)).length).toBe(2);
      await expectInViewport(page, form.result, 'the second result');
    });

    test('1. a three-recipient send links every recipient and no Plivo uuid', async ({ signedInPage: page }) => {
      const text = uniqueText('Three recipients');
      const form = await openFilledSendForm(page, { to: '4155550174', text });
      for (const [index, number] of ['4155550175', '4155550176'].entries()) {
        await page.getByRole('button', { name: 'Add recipient' }).click();
        await page.getByLabel(`Recipient ${index + 2}`, { exact: true }).fill(number);
      }
      await form.sendButton.click();
      await expect(form.result).toContainText('Sent to 3 recipients.');
      await expectInViewport(page, form.result, 'the send result');
      const links = form.result.getByRole('link', { name: /^View message to / });
      await expect(links).toHaveCount(3);
      const ids = await Promise.all([0, 1, 2].map((index) => messageIdOf(links.nth(index))));
      expect(new Set(ids).size).toBe(3);
      await expectNoHorizontalOverflow(page);

      // The history keeps them together, with the send's total.
      await page.getByRole('link', { name: 'History' }).click();
      await expect(page.getByText('One send to 3 recipients').filter({ visible: true })).toBeVisible();
      await expectNoHorizontalOverflow(page);
    });

    test('2. a draft survives a reload, another page and a cleared cookie jar', async ({ signedInPage: page, account, context, simulator }) => {
      const text = uniqueText('Draft');
      const form = await openFilledSendForm(page, { to: '4155550172', text });

      await page.reload();
      await expect(form.message).toHaveValue(text);
      await expect(form.recipient).toHaveValue('(415) 555-0172');
      await expect(form.mediaUrl).toHaveValue(goodImageUrl);
      await expect(page.getByText('Your unsent draft was restored.')).toBeVisible();

      await page.getByRole('link', { name: 'History' }).click();
      await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();
      await page.getByRole('link', { name: 'Send', exact: true }).click();
      await expect(form.message).toHaveValue(text);

      // The session is gone (a cleared cookie jar): Send leads to the login page...
      await context.clearCookies();
      await form.sendButton.click();
      await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsend-mms$/);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // ...and after signing in again the draft is back, unsent.
      await expect(page).toHaveURL(/\/send-mms$/);
      await expect(form.message).toHaveValue(text);
      await expect(form.recipient).toHaveValue('(415) 555-0172');
      await expect(form.mediaUrl).toHaveValue(goodImageUrl);
      expect(await simulator.sendsWithText(text)).toHaveLength(0);
      await expectNoHorizontalOverflow(page);

      // Clearing discards it.
      await page.getByRole('button', { name: 'Clear form' }).click();
      await page.reload();
      await expect(form.heading).toBeVisible();
      await expect(form.message).toHaveValue('');
    });

    test('3. the history shows state, time and cost without sideways scrolling, and keeps its search', async ({ signedInPage: page }) => {
      const first = uniqueText('Phone history one');
      const second = uniqueText('Phone history two');
      await sendOne(page, '4155550173', first);
      const secondId = await sendOne(page, '6045550112', second);

      await page.goto('/messages');
      await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();
      const search = page.getByLabel('Number or text');
      let entry;
      if (size === 'phone') {
        // Cards, not a table; the filters are folded so the messages start on the first screen.
        await expect(page.getByRole('table')).toBeHidden();
        await expect(search).toBeHidden();
        entry = page.getByRole('list', { name: 'Messages' }).locator(':scope > li').filter({ hasText: second });
        await expectInViewport(page, entry, 'the newest message');
        await page.getByRole('button', { name: 'Filters' }).click();
        await expect(search).toBeVisible();
      } else {
        entry = page.getByRole('row').filter({ hasText: second });
        await expect(search).toBeVisible();
      }
      await expect(entry.getByText(/^(Accepted|Queued|Sent|Delivered)$/)).toBeVisible();
      await expectInViewport(page, entry.getByText(/^(Accepted|Queued|Sent|Delivered)$/), 'the state');
      await expectInViewport(page, entry.locator('time'), 'the time');
      await expectInViewport(page, entry.getByText(/^(\$\d|—)/), 'the cost');
      await expectNoHorizontalOverflow(page);

      // A partial number finds the message (server-side search), and the search stays in the URL.
      await search.fill('0112');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(/[?&]q=0112/);
      await expect(page.getByText(first)).toHaveCount(0);
      const link = page.getByRole('link', { name: '+16045550112' }).filter({ visible: true });
      await link.click();
      await expect(page.getByRole('heading', { name: 'Message to +16045550112' })).toBeVisible();
      expect(page.url()).toContain(`/messages/${secondId}`);
      await expectNoHorizontalOverflow(page);
      await page.getByRole('link', { name: '← Back to history' }).click();
      await expect(page).toHaveURL(/\/messages\?q=0112$/);
      await expect(page.getByText(second).filter({ visible: true })).toBeVisible();

      // Text search too.
      await page.goto(`/messages?q=${encodeURIComponent(first.split(' ').pop()!)}`);
      await expect(page.getByText(first).filter({ visible: true })).toBeVisible();
      await expect(page.getByText(second)).toHaveCount(0);
    });

    test('4. a resend asks first, names what is sent again, and the page follows it live', async ({ signedInPage: page, simulator, system }, testInfo) => {
      const text = uniqueText('Resend me');
      const id = await sendOne(page, '4155550177', text);
      await expect.poll(async () => (await (await page.request.get(`/api/messages/${id}`)).json()).message.state, { timeout: 10_000 }).toBe('delivered');
      markMessageUnknown(system, id);

      await page.goto(`/messages/${id}`);
      await expect(page.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
      await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));
      await page.getByRole('button', { name: 'Send again…' }).click();
      const question = page.getByRole('alertdialog', { name: 'Send this message again?' });
      await expectInViewport(page, question, 'the confirmation');
      await expect(question).toContainText('+14155550177');
      await expect(question).toContainText(text);
      expect(await simulator.sendsWithText(text)).toHaveLength(1);
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousViolations(page, `resend-question-${size}`, testInfo);

      await question.getByRole('button', { name: 'Yes, send it again' }).click();
      await expect(page.getByText('Sent again. The state above updates by itself.')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Outcome unknown' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /Send again/ })).toHaveCount(0);
      await expect(page.getByRole('definition').getByText('Delivered', { exact: true })).toBeVisible({ timeout: 10_000 });
      expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
      expect(await simulator.sendsWithText(text)).toHaveLength(2);
    });

    test('6. the message page: one entry per state, the cost once', async ({ signedInPage: page }) => {
      const id = await sendOne(page, '4155550178', uniqueText('Timeline'));
      await page.goto(`/messages/${id}`);
      const timeline = page.getByRole('list').filter({ has: page.getByText('Delivered', { exact: true }) });
      await expect(timeline).toBeVisible({ timeout: 10_000 });
      for (const state of ['Queued', 'Sent', 'Delivered']) await expect(timeline.getByText(state, { exact: true })).toHaveCount(1);
      await expect(timeline.getByText(/\$\d/)).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
    });

    test('8. an unknown address keeps the app around it; a bad message id has a way back', async ({ signedInPage: page }) => {
      const answer = await page.goto('/nope');
      expect(answer?.status(), 'the server says 404 too').toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expectNoHorizontalOverflow(page);

      await page.goto('/messages/no-such-message');
      await expect(page.getByRole('heading', { name: 'Message not found' })).toBeVisible();
      await page.getByRole('link', { name: '← Back to history' }).click();
      await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();

      // "123" stays as typed, and an empty field's example reads as an example (italic, "e.g.").
      await page.goto('/send-mms');
      const recipient = sendForm(page).recipient;
      await expect(recipient).toHaveAttribute('placeholder', /^e\.g\. /);
      expect(await recipient.evaluate((input) => getComputedStyle(input, '::placeholder').fontStyle)).toBe('italic');
      await recipient.pressSequentially('123');
      await expect(recipient).toHaveValue('123');

      // A "To date" before the "From date": the error shows, and the fields stay in line.
      await page.goto('/messages');
      if (size === 'phone') await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByLabel('From date').fill('2026-11-30');
      await page.getByLabel('To date').fill('2026-11-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page.getByText('The end date is before the start date.')).toBeVisible();
      if (size === 'desktop') {
        const from = await page.getByLabel('From date').boundingBox();
        const to = await page.getByLabel('To date').boundingBox();
        const apply = await page.getByRole('button', { name: 'Apply filters' }).boundingBox();
        expect(Math.abs((from?.y ?? 0) - (to?.y ?? 1)), 'From and To date on one line').toBeLessThan(2);
        expect(Math.abs((to?.y ?? 0) - (apply?.y ?? 100)), 'the buttons on the same line').toBeLessThan(4);
      }
      await expectNoHorizontalOverflow(page);
    });

    test('7. signed in, /login leads into the app; signing out says so', async ({ signedInPage: page }) => {
      await page.goto('/login');
      await expect(page).toHaveURL(/\/send-mms$/);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByText('You are signed out.')).toBeVisible();
      await expectNoHorizontalOverflow(page);
    });
  });
}

test('8. "Live updates on" goes off when the session ends while the history is open', async ({ signedInPage: page, account, system }) => {
  test.setTimeout(60_000);
  await page.goto('/messages');
  await expect(page.getByText('Live updates on')).toBeVisible();
  // Ended on the server (the account is disabled): the stream notices at its next quiet moment
  // (15 s) and the browser's reconnection is refused.
  await disableUser(system, account);
  await expect(page.getByText('Live updates stopped. Reload the page to see new states.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Live updates on')).toHaveCount(0);
});

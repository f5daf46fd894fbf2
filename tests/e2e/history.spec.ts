// History: a message sent from one tab appears in the history open in another and moves to
// "Delivered" by itself (Server-Sent Events, no reload); its page shows the delivery timeline, and
// an undelivered message explains its error.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { openFilledSendForm, sendForm, uniqueText } from './support/ui';

async function sendFrom(page: Page, text: string, to = '4155550123') {
  const form = await openFilledSendForm(page, { to, text });
  await form.sendButton.click();
  await expect(form.result).toContainText('Message sent.');
}

test('a sent message appears in the history and moves to Delivered without a reload', async ({ signedInPage: history, context, simulator }) => {
  // Callbacks a little slower than the default ~100 ms, so the steps before "Delivered" can be seen.
  await simulator.setFaults({ callback_delay_ms: 1000 });
  await history.goto('/messages');
  await expect(history.getByRole('heading', { name: 'Message history' })).toBeVisible();
  await expect(history.getByText('No messages yet.')).toBeVisible();
  await expect(history.getByText('Live updates on')).toBeVisible();
  // Set on this document only: a reload would lose it.
  await history.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

  const text = uniqueText('Live history');
  const sender = await context.newPage();
  await sendFrom(sender, text);

  const row = history.getByRole('row').filter({ hasText: text });
  await expect(row).toBeVisible();
  await expect(row).toContainText('+14155550123');
  await expect(row.getByText(/^(Accepted|Queued|Sent)$/)).toBeVisible();
  await expect(row.getByText('Delivered', { exact: true })).toBeVisible({ timeout: 10_000 });
  expect(await history.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);

  await row.getByRole('link', { name: '+14155550123' }).click();
  await expect(history.getByRole('heading', { name: 'Message to +14155550123' })).toBeVisible();
  await expect(history.getByText(text)).toBeVisible();
  const timeline = history.getByRole('list').filter({ has: history.getByText('Delivered', { exact: true }) });
  await expect(timeline).toBeVisible();
  // A state can be recorded more than once (by the dispatcher and by Plivo's callback).
  for (const state of ['Queued', 'Sent', 'Delivered']) {
    await expect(timeline.getByText(state, { exact: true }).first()).toBeVisible();
  }
  const sends = await simulator.sendsWithText(text);
  expect(sends).toHaveLength(1);
  await expect(history.getByText(sends[0]!.messageUuids[0]!)).toBeVisible();
});

test('an undelivered message shows its error explanation', async ({ signedInPage: page, simulator }) => {
  await simulator.setFaults({ outcome: 'undelivered', error_code: 30 });
  const text = uniqueText('Filtered as spam');
  await sendFrom(page, text, '4155550124');
  await sendForm(page).result.getByRole('link', { name: 'View message' }).click();

  await expect(page.getByRole('heading', { name: 'Message to +14155550124' })).toBeVisible();
  const facts = page.getByRole('definition');
  await expect(facts.getByText('Undelivered', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('Spam detected: the carrier filtered the message').first()).toBeVisible();
  await expect(page.getByText(/^30: /)).toBeVisible();
  await expect(page.getByText('Error 30:')).toBeVisible();
});

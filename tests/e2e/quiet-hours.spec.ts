// Quiet hours (issue 16) on a server of its own with the test clock at 22:00 in New York: a send
// to a New York number is held and says until when; its message page shows it scheduled with the
// time it goes, and cancelling it (after a confirmation) ends it `cancelled`. A transactional send
// goes at once. (Sending when the window opens, across a restart: tests/integration/quiet_hours_test.cpp.)
import { test as base, expect, signInThroughApi } from './support/fixtures';
import { addUser, newAccount, startServer, stopServer, type MmsgateServer } from './support/mmsgate';
import { openFilledSendForm, uniqueText } from './support/ui';

const test = base.extend<{ quietServer: MmsgateServer }>({
  quietServer: async ({ system }, use) => {
    const server = await startServer(system.binary, system.simulatorUrl, 'quiet-hours', {
      env: { MMSGATE_QUIET_HOURS: '21:00-08:00', MMSGATE_TEST_CLOCK: '2026-12-05T03:00:00Z' },
    });
    await use(server);
    await stopServer(server);
  },
  baseURL: async ({ quietServer }, use) => {
    await use(quietServer.info.origin);
  },
});

test('a send at 22:00 recipient time is scheduled, shown with its time, and can be cancelled', async ({ page, quietServer, simulator }) => {
  test.setTimeout(60_000);
  const account = newAccount('quiet');
  await addUser(quietServer.info, account);
  await signInThroughApi(page, account);

  const text = uniqueText('Our weekend sale');
  const form = await openFilledSendForm(page, { to: '2125550177', text });
  await form.sendButton.click();
  await expect(form.result).toContainText('Scheduled: every recipient is in quiet hours.');
  const held = page.getByRole('list', { name: 'Scheduled recipients' });
  await expect(held).toContainText('+12125550177');
  await expect(held.locator('time')).toHaveAttribute('datetime', '2026-12-05T13:00:00.000Z');

  await page.getByRole('link', { name: 'View or cancel the message to +12125550177' }).click();
  await expect(page.getByRole('heading', { name: 'Scheduled for quiet hours' })).toBeVisible();
  await expect(page.getByText(/^Goes at/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel sending…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('It will never be sent to +12125550177');
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(page.getByText('Cancelled. This message will not be sent.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel sending…' })).toHaveCount(0);

  await page.getByRole('link', { name: '← Back to history' }).click();
  const row = page.locator('[data-message-id]').filter({ hasText: '+12125550177' }).first();
  await expect(row).toContainText('Cancelled');

  // A transactional message is not held, at the same hour.
  const transactional = uniqueText('Your code is');
  const urgent = await openFilledSendForm(page, { to: '2125550178', text: transactional });
  await page.getByLabel('Transactional message').check();
  await urgent.sendButton.click();
  await expect(urgent.result).toContainText('Message sent.');
  expect(await simulator.sendsWithText(transactional)).toHaveLength(1);
  expect(await simulator.sendsWithText(text)).toHaveLength(0);
});

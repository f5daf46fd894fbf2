// Sandbox mode (no Plivo credentials, the built-in simulator): a conversation offers "Simulate a
// reply", and the simulated reply arrives in the open thread without a reload. Runs against a
// sandbox server of its own.
import { test as base, expect, signInThroughApi } from './support/fixtures';
import { addUser, newAccount, startServer, stopServer, type MmsgateServer } from './support/mmsgate';
import { openFilledSendForm, uniqueText } from './support/ui';

const test = base.extend<{ sandboxServer: MmsgateServer }>({
  sandboxServer: async ({ system }, use) => {
    const server = await startServer(system.binary, system.simulatorUrl, 'sandbox', { sandbox: true });
    await use(server);
    await stopServer(server);
  },
  baseURL: async ({ sandboxServer }, use) => {
    await use(sandboxServer.info.origin);
  },
});

test('"Simulate a reply" makes the contact answer, and the answer appears live', async ({ page, sandboxServer }) => {
  test.setTimeout(60_000);
  const account = newAccount('sandbox');
  await addUser(sandboxServer.info, account);
  await signInThroughApi(page, account);

  // A message to the contact starts the conversation.
  const contact = '+14155550166';
  const form = await openFilledSendForm(page, { to: '4155550166', text: uniqueText('Your order is ready') });
  await expect(page.getByText(/Sandbox mode/).first()).toBeVisible();
  await form.sendButton.click();
  await expect(form.result).toContainText('Message sent.');

  await page.getByRole('link', { name: /^Conversations/ }).click();
  await page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: contact }).click();
  await expect(page.getByRole('heading', { name: `Conversation with ${contact}` })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

  await page.getByRole('button', { name: 'Simulate a reply' }).click();
  const answer = uniqueText('On my way to pick it up');
  await page.getByLabel(`Reply from ${contact}`).fill(answer);
  await page.getByRole('button', { name: 'Deliver the reply' }).click();
  const thread = page.getByRole('list', { name: 'Messages' });
  await expect(thread.locator('[data-direction="in"]').filter({ hasText: answer })).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
});

// First run: a server without any account prints a one-time setup link; the link leads to creating
// the first account, which is signed in, and the setup page is gone afterwards. Without the link's
// token the page only explains where to find it. Runs against a server of its own with an empty database.
import { expectNoSeriousViolations } from './support/axe';
import { test as base, expect } from './support/fixtures';
import { newAccount, setupLink, startServer, stopServer, type MmsgateServer } from './support/mmsgate';
import { sendForm } from './support/ui';

const test = base.extend<{ freshServer: MmsgateServer }>({
  freshServer: async ({ system }, use) => {
    const server = await startServer(system.binary, system.simulatorUrl, 'first-run');
    await use(server);
    await stopServer(server);
  },
  baseURL: async ({ freshServer }, use) => {
    await use(freshServer.info.origin);
  },
});

test('a fresh server leads to /setup, creates the admin and signs them in; then /setup is gone', async ({ page, freshServer }, testInfo) => {
  const admin = newAccount('admin');
  const link = await setupLink(freshServer);
  expect(new URL(link).origin).toBe(freshServer.info.origin);

  // Without the printed link's token, the page only says where to find it.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to mmsgate' })).toBeVisible();
  await expect(page.getByText('Open the setup link printed by the server')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
  const withoutToken = await page.request.post('/api/setup', {
    data: { name: 'Mallory', email: 'mallory@example.com', password: 'long enough password' },
  });
  expect(withoutToken.status()).toBe(403);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Welcome to mmsgate' })).toBeVisible();
  // It says what this account is and how teammates get theirs.
  await expect(page.getByText('admin account')).toBeVisible();
  await expect(page.getByText('mmsgate user add', { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, 'setup', testInfo);

  // The form checks itself before anything is sent.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();

  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/send-mms$/);
  await expect(sendForm(page).heading).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(admin.email);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Setup is done: the page sends people away (a signed-in person on to the app, past /login) and
  // the API refuses a second first account.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/send-mms$/);
  await expect(sendForm(page).heading).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to mmsgate' })).toHaveCount(0);
  await page.goto('/login');
  await expect(page).toHaveURL(/\/send-mms$/);
  const again = await page.request.post('/api/setup', {
    data: { name: 'Mallory', email: 'mallory@example.com', password: 'long enough password', token: new URL(link).searchParams.get('token') },
  });
  expect(again.status()).toBe(409);
});

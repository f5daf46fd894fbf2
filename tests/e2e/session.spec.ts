// The session: it survives a reload, and "Sign out" ends it.
import { test, expect } from './support/fixtures';
import { sendForm } from './support/ui';

test('a reload keeps the session; sign out returns to /login and ends it', async ({ signedInPage: page, account }) => {
  await page.goto('/send-mms');
  await expect(sendForm(page).heading).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(account.email);

  await page.reload();
  await expect(page).toHaveURL(/\/send-mms$/);
  await expect(sendForm(page).heading).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(account.email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText(account.email);

  await page.goto('/send-mms');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsend-mms$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The server agrees: the cookie no longer opens the API.
  const session = await page.request.get('/api/auth/session');
  expect(await session.json()).toEqual({});
});

// Signing in: a logged-out visit is sent to the login page with a way back, a wrong password shows
// the generic error, the right one lands on the page that was asked for.
import { test, expect } from './support/fixtures';
import { sendForm } from './support/ui';

test('a logged-out visit to /send-mms goes to /login with a callbackUrl', async ({ page }) => {
  await page.goto('/send-mms');
  await expect(page).toHaveURL(/\/login\?/);
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/send-mms');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test('a wrong password shows the error; the right one lands back on /send-mms', async ({ page, account }) => {
  await page.goto('/send-mms');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(`${account.password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Invalid email or password.');
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/send-mms$/);
  await expect(sendForm(page).heading).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(account.email);
});

test('signing in returns to the page that was asked for, with its query', async ({ page, account }) => {
  await page.goto('/messages?state=delivered');
  await expect(page).toHaveURL(/\/login\?/);
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/messages?state=delivered');

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/messages\?state=delivered$/);
  await expect(page.getByRole('heading', { name: 'Message history' })).toBeVisible();
});

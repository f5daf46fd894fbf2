// Acceptance 4 (issue 17), the team part: an admin invites a person, who opens the link in a fresh
// browser context, picks a password and lands signed in as a sender (no settings link); the admin's
// audit page shows the invite and the sign-in. At 390 px (dark) and 1280 px (light).
import { test, expect, keepTrafficLocal, signInThroughApi } from './support/fixtures';
import { addUser, newAccount, setUserRole } from './support/mmsgate';

const cases = [
  { width: 390, colorScheme: 'dark' as const },
  { width: 1280, colorScheme: 'light' as const },
];

for (const { width, colorScheme } of cases) {
  test(`an admin invites a person who joins as a sender, at ${width} px ${colorScheme}`, async ({ browser, page, system, baseURL }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });
    const admin = newAccount('teamadmin');
    await addUser(system, admin, { admin: true });
    await signInThroughApi(page, admin);

    await page.goto('/send-mms');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings\/users$/);
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    const settingsNav = page.getByRole('navigation', { name: 'Settings' });
    for (const name of ['Users', 'Audit log', 'Webhooks', 'API keys', 'Suppression list'])
      await expect(settingsNav.getByRole('link', { name })).toBeVisible();

    const invitee = newAccount('invitee');
    await page.getByLabel('E-mail address').fill(invitee.email);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('sender');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = (await page.getByTestId('one-time-link').textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // The invited person: a browser of their own, no cookie of the admin's.
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, colorScheme });
    await keepTrafficLocal(context);
    try {
      const guest = await context.newPage();
      await guest.goto(link);
      await expect(guest.getByRole('heading', { name: 'Welcome to mmsgate' })).toBeVisible();
      await expect(guest.getByText('You were invited as sender')).toBeVisible();
      await guest.getByLabel('Name').fill(invitee.name);
      await guest.getByLabel('Password', { exact: true }).fill(invitee.password);
      await guest.getByLabel('Confirm password').fill(invitee.password);
      await guest.getByRole('button', { name: 'Create account' }).click();
      await expect(guest).toHaveURL(/\/send-mms$/);
      const main = guest.getByRole('navigation', { name: 'Main' });
      await expect(main.getByRole('link', { name: 'Send' })).toBeVisible();
      await expect(main.getByRole('link', { name: 'Settings' })).toHaveCount(0);
      const session = (await (await guest.request.get('/api/auth/session')).json()) as { user: { role: string; email: string } };
      expect(session.user).toMatchObject({ role: 'sender', email: invitee.email });
      // The link worked once.
      await guest.goto(link);
      await expect(guest.getByText('This link cannot be used')).toBeVisible();
    } finally {
      await context.close();
    }

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await page.getByLabel('Text').fill(invitee.email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const entries = page.getByTestId('audit-entry');
    await expect(entries.filter({ hasText: 'user.invited' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'sign_in.succeeded' })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'user.created' })).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const download = await page.request.get(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '');
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain(invitee.email);
  });
}

test('a viewer sees no send page, composer or settings', async ({ page, system }) => {
  const viewer = newAccount('viewer');
  await addUser(system, viewer);
  // The CLI sets the role (the admin page does the same through PATCH /api/users/{id}).
  await setUserRole(system, viewer, 'viewer');
  await signInThroughApi(page, viewer);
  await page.goto('/send-mms');
  await expect(page.getByText('Your role (viewer) can read but not send')).toBeVisible();
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('link', { name: 'Send' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'History' })).toBeVisible();
});

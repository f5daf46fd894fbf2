// The admin's API-keys page at phone and desktop widths: create a key (shown once, with a copy
// button), use it like curl would (no cookie) to send, revoke it after a confirmation, and see it
// refused at once; the audit log holds the creation and the revocation.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect, signInThroughApi } from './support/fixtures';
import { addUser, newAccount, type SystemInfo } from './support/mmsgate';

function auditActions(system: SystemInfo, keyId: string): string[] {
  const database = path.join(system.dataDir, 'mmsgate.db');
  const output = execFileSync('sqlite3', ['-cmd', '.timeout 5000', database,
    `SELECT action FROM mmsgate_audit_log WHERE target_id = '${keyId.replace(/'/g, "''")}' ORDER BY occurred_at;`]).toString();
  return output.split('\n').filter((line) => line.length > 0);
}

async function sendWithKey(origin: string, key: string, text: string): Promise<number> {
  const answer = await fetch(`${origin}/api/send-mms`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: '+14155550131', text, mediaUrl: 'https://media.example.com/cat.jpg' }),
  });
  return answer.status;
}

for (const width of [390, 1280]) {
  test(`an admin creates and revokes an API key at ${width} px`, async ({ page, system }) => {
    await page.setViewportSize({ width, height: 900 });
    const admin = newAccount('keyadmin');
    await addUser(system, admin, { admin: true });
    await signInThroughApi(page, admin);

    await page.goto('/settings/keys');
    await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
    const name = `ci ${width}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel(/Read message history/).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByTestId('new-api-key');
    await expect(shown).toHaveText(/^mmsk_[0-9A-Za-z]{49}$/);
    await expect(page.getByText('you will not see it again')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy key' })).toBeVisible();
    const key = (await shown.textContent()) ?? '';
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    expect([200, 202]).toContain(await sendWithKey(system.origin, key, `with a key ${width}`));

    const row = page.getByRole('listitem', { name: `API key ${name}` });
    await expect(row).toContainText(key.slice(0, 13));
    await expect(row).toContainText('messages:read, messages:send');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog', { name: `Revoke ${name}?` }).getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
    expect(await sendWithKey(system.origin, key, `after revoking ${width}`)).toBe(401);

    // The key is never shown again.
    await page.reload();
    await expect(page.getByRole('listitem', { name: `API key ${name}` })).toContainText('Revoked');
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);

    const listed = (await (await page.request.get('/api/keys')).json()) as { keys: { id: string; name: string }[] };
    const id = listed.keys.find((item) => item.name === name)?.id ?? '';
    expect(auditActions(system, id)).toEqual(['key.created', 'key.revoked']);
  });
}

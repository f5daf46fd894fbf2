// /settings/keys: the admin's API keys — create (scopes, expiry; the key is shown once with a copy
// button), list with prefix, scopes, last use and expiry, and revoke after a confirmation.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { labelledInputClassName } from '@/components/ui/form-field/form-field';
import { SecretPanel } from '@/components/ui/secret-panel/secret-panel';
import { apiKeyScopes, createApiKey, listApiKeys, revokeApiKey, type ApiKey, type ApiKeyScope } from '@/features/api-keys/api/api-keys';
import { useAsyncData } from '@/hooks/use-async-data';
import { useCopyToClipboard } from '@/hooks/use-copy-to-clipboard';
import { useSubmission } from '@/hooks/use-submission';
import { errorMessage } from '@/lib/errors';

const expiryChoices = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
] as const;

function when(iso: string | null, fallback: string): string {
  return iso ? new Date(iso).toLocaleString() : fallback;
}

function keyStatus(key: ApiKey, now: number): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

function CreateForm({ onCreated }: { onCreated: (apiKey: ApiKey, key: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['messages:send']);
  const [expiresInDays, setExpiresInDays] = useState<number | null>(90);
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const created = await createApiKey({ name: name.trim(), scopes, expiresInDays });
      onCreated(created.apiKey, created.key);
      setName('');
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Create an API key">
      <h2 className="text-lg font-semibold">Create an API key</h2>
      <label className="block text-sm font-medium">
        Name
        <input
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="CRM integration"
          className={labelledInputClassName}
        />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Scopes</legend>
        <div className="mt-1 grid gap-x-4 sm:grid-cols-2">
          {apiKeyScopes.map(({ scope, label }) => (
            <label key={scope} className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((item) => item !== scope))}
              />
              <span>
                {label} <code className="text-xs">{scope}</code>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm font-medium">
        Expires after
        <select
          value={expiresInDays === null ? 'never' : String(expiresInDays)}
          onChange={(event) => setExpiresInDays(event.target.value === 'never' ? null : Number(event.target.value))}
          className="mt-1 block min-h-11 rounded-md border border-gray-400 px-3 py-2 dark:bg-gray-900"
        >
          {expiryChoices.map((choice) => (
            <option key={choice.label} value={choice.days === null ? 'never' : String(choice.days)}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" isLoading={busy} disabled={busy || scopes.length === 0}>
        Create key
      </Button>
    </form>
  );
}

function NewKeyNotice({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const { outcome, copy } = useCopyToClipboard(secret);
  return (
    <SecretPanel title="Key created. Copy it now: you will not see it again." secret={secret} testId="new-api-key" codeClassName="my-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy key
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          I have stored it
        </Button>
        {outcome === 'copied' ? <span role="status">Copied.</span> : null}
        {outcome === 'failed' ? <span role="status">Copying is not allowed here: select the key and copy it.</span> : null}
      </div>
      <p className="mt-2">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code>, never in a URL.
      </p>
    </SecretPanel>
  );
}

function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: (apiKey: ApiKey) => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmission();
  const status = keyStatus(apiKey, Date.now());

  async function revoke() {
    await run(async () => {
      onRevoked(await revokeApiKey(apiKey.id));
      setConfirming(false);
    });
  }

  return (
    <li className="space-y-2 py-3 text-sm" aria-label={`API key ${apiKey.name}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold break-all">{apiKey.name}</span>
        <code>{apiKey.prefix}…</code>
        <span
          className={
            status === 'active' ? 'text-green-800 dark:text-green-200' : 'font-semibold text-red-800 dark:text-red-200'
          }
        >
          {status === 'active' ? 'Active' : status === 'revoked' ? 'Revoked' : 'Expired'}
        </span>
      </div>
      <p className="break-words">
        Scopes: <code>{apiKey.scopes.join(', ')}</code>
        {apiKey.ownerEmail ? <> · for {apiKey.ownerEmail}</> : null}
      </p>
      <p>
        Last used: {apiKey.lastUsedAt ? `${when(apiKey.lastUsedAt, '')} from ${apiKey.lastUsedAddress ?? 'unknown'}` : 'never'} · Expires:{' '}
        {when(apiKey.expiresAt, 'never')}
        {apiKey.revokedAt ? <> · Revoked {when(apiKey.revokedAt, '')}</> : null}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {status !== 'revoked' && !confirming ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Revoke
        </Button>
      ) : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-label={`Revoke ${apiKey.name}?`}
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-semibold">Revoke “{apiKey.name}”?</p>
          <p className="mt-1">Every program using this key is refused from now on. This cannot be undone.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="danger" onClick={() => void revoke()} isLoading={busy} disabled={busy} autoFocus>
              Yes, revoke it
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

export function ApiKeysView() {
  const { data: keys, error, setData: setKeys } = useAsyncData(() => listApiKeys(), []);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="text-sm">
        Programs use a key instead of signing in: <code>Authorization: Bearer &lt;key&gt;</code>. A key may do only what its scopes name and
        its owner's role allows.
      </p>
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      {secret ? <NewKeyNotice secret={secret} onDismiss={() => setSecret(null)} /> : null}
      {keys ? (
        <>
          <Card>
            <CreateForm
              onCreated={(apiKey, created) => {
                setKeys((previous) => [apiKey, ...(previous ?? [])]);
                setSecret(created);
              }}
            />
          </Card>
          <section className="space-y-2" aria-label="Keys">
            <h2 className="text-lg font-semibold">Keys</h2>
            {keys.length === 0 ? <p className="text-sm">No keys yet.</p> : null}
            <ul className="divide-y divide-gray-200 dark:divide-gray-800">
              {keys.map((apiKey) => (
                <KeyRow
                  key={apiKey.id}
                  apiKey={apiKey}
                  onRevoked={(revoked) => setKeys((previous) => previous?.map((item) => (item.id === revoked.id ? { ...item, ...revoked } : item)))}
                />
              ))}
            </ul>
          </section>
        </>
      ) : !error ? (
        <p className="text-sm">Loading…</p>
      ) : null}
    </div>
  );
}

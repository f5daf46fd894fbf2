// /settings/webhooks: the admin's outgoing-webhook endpoints — list, add (the secret is shown once),
// enable/disable, and each endpoint's delivery log with replay.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { labelledInputClassName } from '@/components/ui/form-field/form-field';
import { SecretPanel } from '@/components/ui/secret-panel/secret-panel';
import {
  createWebhook,
  listDeliveries,
  listWebhooks,
  replayDelivery,
  setWebhookEnabled,
  webhookEventTypes,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@/features/webhooks/api/webhooks';
import { useAsyncData } from '@/hooks/use-async-data';
import { useSubmission } from '@/hooks/use-submission';
import { errorMessage } from '@/lib/errors';

function CreateForm({ onCreated }: { onCreated: (endpoint: WebhookEndpoint, secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['message.state_changed']);
  const [allowPrivateAddress, setAllowPrivateAddress] = useState(false);
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const created = await createWebhook({ url: url.trim(), description, events, allowPrivateAddress });
      onCreated(created.endpoint, created.secret);
      setUrl('');
      setDescription('');
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Add an endpoint">
      <h2 className="text-lg font-semibold">Add an endpoint</h2>
      <label className="block text-sm font-medium">
        URL
        <input
          type="url"
          required
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          placeholder="https://hooks.example.com/mmsgate"
          className={labelledInputClassName}
        />
      </label>
      <label className="block text-sm font-medium">
        Description
        <input
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          maxLength={500}
          className={labelledInputClassName}
        />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Events</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {webhookEventTypes.map((type) => (
            <label key={type} className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(event) => setEvents(event.target.checked ? [...events, type] : events.filter((item) => item !== type))}
              />
              <code>{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="inline-flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={allowPrivateAddress} onChange={(event) => setAllowPrivateAddress(event.target.checked)} />
        Allow a private address (an on-premise receiver; also allows http://)
      </label>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" isLoading={busy} disabled={busy || events.length === 0}>
        Add endpoint
      </Button>
    </form>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { data: deliveries, error: loadError, reload } = useAsyncData(() => listDeliveries(endpoint.id), [endpoint.id]);
  const { error: replayError, run } = useSubmission();
  const [replayed, setReplayed] = useState<string | null>(null);

  function replay(delivery: WebhookDelivery) {
    void run(async () => {
      await replayDelivery(delivery.id);
      setReplayed(delivery.eventId);
      reload();
    });
  }

  const error = replayError ?? (loadError ? errorMessage(loadError) : null);
  if (error) return <Alert tone="error">{error}</Alert>;
  if (!deliveries) return <p className="text-sm">Loading deliveries…</p>;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold">Delivery log</h3>
        <Button variant="ghost" onClick={reload}>
          Refresh
        </Button>
      </div>
      {replayed ? <Alert tone="success">Event {replayed} will be sent again with the same webhook-id.</Alert> : null}
      {deliveries.length === 0 ? <p className="text-sm">No deliveries yet.</p> : null}
      <ul className="divide-y divide-gray-200 dark:divide-gray-800">
        {deliveries.map((delivery) => (
          <li key={delivery.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
            <span className="font-semibold">{delivery.state}</span>
            <code className="break-all">{delivery.eventType}</code>
            <span>
              {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
            </span>
            <span>{delivery.lastStatus !== null ? `HTTP ${delivery.lastStatus}` : 'no answer'}</span>
            {delivery.lastLatencyMs !== null ? <span>{delivery.lastLatencyMs} ms</span> : null}
            {delivery.lastError ? <span className="w-full break-words text-red-800 dark:text-red-200">{delivery.lastError}</span> : null}
            {delivery.lastResponseExcerpt ? <code className="w-full truncate">{delivery.lastResponseExcerpt}</code> : null}
            <Button variant="secondary" className="ml-auto" onClick={() => replay(delivery)} aria-label={`Replay ${delivery.eventId}`}>
              Replay
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EndpointCard({ endpoint, onChanged }: { endpoint: WebhookEndpoint; onChanged: (endpoint: WebhookEndpoint) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    try {
      onChanged(await setWebhookEnabled(endpoint.id, !endpoint.enabled));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  return (
    <Card className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 flex-1 font-semibold break-all">{endpoint.url}</h3>
        <span className={endpoint.enabled ? 'text-green-800 dark:text-green-200' : 'text-red-800 dark:text-red-200'}>
          {endpoint.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </div>
      {endpoint.description ? <p className="text-sm">{endpoint.description}</p> : null}
      <p className="text-sm">
        Events: <code className="break-words">{endpoint.events.join(', ')}</code>
      </p>
      {endpoint.disabledReason ? <Alert tone="warning">{endpoint.disabledReason}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void toggle()}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide deliveries' : 'Show deliveries'}
        </Button>
      </div>
      {open ? <DeliveryLog endpoint={endpoint} /> : null}
    </Card>
  );
}

export function WebhooksView() {
  const { data: endpoints, error, setData: setEndpoints } = useAsyncData(() => listWebhooks(), []);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <p className="text-sm">
        mmsgate POSTs each event to these endpoints, signed per Standard Webhooks; verify with the endpoint's secret.
      </p>
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      {secret ? <SecretPanel title="Endpoint added. Copy its secret now: it is not shown again." secret={secret} testId="webhook-secret" /> : null}
      {endpoints ? (
        <>
          <Card>
            <CreateForm
              onCreated={(endpoint, created) => {
                setEndpoints((previous) => [...(previous ?? []), endpoint]);
                setSecret(created);
              }}
            />
          </Card>
          <section className="space-y-3" aria-label="Endpoints">
            <h2 className="text-lg font-semibold">Endpoints</h2>
            {endpoints.length === 0 ? <p className="text-sm">No endpoints yet.</p> : null}
            {endpoints.map((endpoint) => (
              <EndpointCard
                key={endpoint.id}
                endpoint={endpoint}
                onChanged={(changed) => setEndpoints((previous) => previous?.map((item) => (item.id === changed.id ? changed : item)))}
              />
            ))}
          </section>
        </>
      ) : !error ? (
        <p className="text-sm">Loading…</p>
      ) : null}
    </div>
  );
}

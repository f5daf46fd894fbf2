// The Plivo simulator's control API (/_sim/...): what mmsgate sent it, and faults to inject.

// One send request the simulator received, with the JSON body mmsgate sent.
export type RecordedSend = {
  request: Record<string, unknown>;
  messageUuids: string[];
};

export type Faults = {
  latency_ms?: number;
  outcome?: 'delivered' | 'undelivered' | 'failed';
  error_code?: number;
  callback_delay_ms?: number;
  status?: number;
};

type RawRecord = Record<string, unknown>;

function parseBody(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return { raw: value };
    }
  }
  return (value ?? {}) as Record<string, unknown>;
}

// Accepts both shapes the simulator has had: a bare array of records with request_body and
// message_uuids, or {count, messages: [...]} with the parsed request and message_uuid.
function parseRecords(body: unknown): RecordedSend[] {
  const list = Array.isArray(body) ? body : ((body as { messages?: unknown })?.messages ?? []);
  if (!Array.isArray(list)) throw new Error(`unexpected /_sim/messages answer: ${JSON.stringify(body).slice(0, 500)}`);
  return list.map((item: RawRecord) => {
    const uuids = item.message_uuids ?? item.message_uuid ?? [];
    return {
      request: parseBody(item.request_body ?? item.request),
      messageUuids: Array.isArray(uuids) ? uuids.map(String) : [String(uuids)],
    };
  });
}

export class Simulator {
  constructor(readonly baseUrl: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} on the simulator: HTTP ${response.status} ${text}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  }

  async sends(): Promise<RecordedSend[]> {
    return parseRecords(await this.call('GET', '/_sim/messages'));
  }

  // The sends whose text contains `marker` (each test sends a text of its own).
  async sendsWithText(marker: string): Promise<RecordedSend[]> {
    return (await this.sends()).filter((send) => String(send.request.text ?? '').includes(marker));
  }

  // The bytes of a file mmsgate uploaded through the simulated Media API, by its media_id.
  async uploadedMedia(mediaId: string): Promise<Buffer> {
    const body = (await this.call('GET', '/_sim/uploads')) as { uploads?: { media_id?: string; data_base64?: string }[] };
    const found = (body.uploads ?? []).find((upload) => upload.media_id === mediaId);
    if (!found?.data_base64) throw new Error(`the simulator has no upload ${mediaId}`);
    return Buffer.from(found.data_base64, 'base64');
  }

  async setFaults(faults: Faults): Promise<void> {
    await this.call('POST', '/_sim/faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/_sim/faults');
  }

  // Makes the simulator deliver an incoming message to mmsgate, signed as Plivo signs it (the
  // simulator's inbound control call). `mediaCount`: pictures it serves itself.
  async deliverInbound(message: { from: string; to: string; text: string; mediaCount?: number; messageUrl: string }): Promise<void> {
    await this.call('POST', '/_sim/inbound', {
      url: message.messageUrl,
      from: message.from,
      to: message.to,
      text: message.text,
      mediaCount: message.mediaCount ?? 0,
    });
  }
}

// The browser's EventSource, reduced to what the page uses, with a way to push events.
import { vi } from 'vitest';

export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  // Puts the fake in the page's place, with none left from an earlier test.
  static install() {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  }
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string, readonly init?: EventSourceInit) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  // `type`: the SSE event name; "message" (the default) goes to onmessage, as in browsers.
  push(data: unknown, type = 'message') {
    if (this.readyState === FakeEventSource.CLOSED) return;
    const event = new MessageEvent('message', { data: JSON.stringify(data) });
    if (type === 'message') this.onmessage?.(event);
    else for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

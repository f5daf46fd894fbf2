// Message records shaped like GET /api/messages returns them.

export function messageJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    to: '+14155550100',
    from: '+14155550199',
    text: `Message ${id}`,
    mediaUrls: [],
    state: 'queued',
    plivoUuid: null,
    errorCode: null,
    error: null,
    createdAt: '2026-11-25T18:00:00.000Z',
    updatedAt: '2026-11-25T18:00:00.000Z',
    units: null,
    totalAmount: null,
    ...overrides,
  };
}

// A conversation summary shaped like GET /api/conversations returns it.
export function conversationJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    ourNumber: '+14155550100',
    theirNumber: '+14155550123',
    lastMessage: { direction: 'in', text: `Last of ${id}`, at: '2026-11-25T18:00:00.000Z', state: null, hasMedia: false },
    unreadCount: 0,
    updatedAt: '2026-11-25T18:00:00.000Z',
    ...overrides,
  };
}

// A thread message shaped like GET /api/conversations/{id} returns it (received unless overridden).
export function threadMessageJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    direction: 'in',
    type: 'sms',
    text: `Text of ${id}`,
    from: '+14155550123',
    to: '+14155550100',
    media: [],
    mediaUrls: [],
    state: null,
    errorCode: null,
    errorMeaning: null,
    automatic: false,
    flag: null,
    createdAt: '2026-11-25T18:00:00.000Z',
    ...overrides,
  };
}

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

import { describe, expect, it } from 'vitest';
import { parseSendResponse, sendMmsPayload } from '@/features/send-mms/api/send-mms';

describe('quiet hours in the send answer', () => {
  it('lists the held recipients apart from the ones sent', () => {
    const result = parseSendResponse(200, {
      success: true,
      id: 'm1',
      recipients: [{ to: '+14155550112', id: 'm1', state: 'queued' }],
      scheduled: [{ to: '+12125550111', id: 'm2', state: 'scheduled', scheduledFor: '2026-12-05T13:00:00.000Z' }],
    });
    expect(result.kind).toBe('sent');
    expect(result.recipients.map((recipient) => recipient.to)).toEqual(['+14155550112']);
    expect(result.scheduled).toEqual([{ to: '+12125550111', id: 'm2', scheduledFor: '2026-12-05T13:00:00.000Z' }]);
  });

  it('treats an all-held answer as stored', () => {
    const result = parseSendResponse(202, {
      success: true,
      status: 'scheduled',
      id: 'm2',
      recipients: [{ to: '+12125550111', id: 'm2', state: 'scheduled' }],
      scheduled: [{ to: '+12125550111', id: 'm2', state: 'scheduled', scheduledFor: '2026-12-05T13:00:00.000Z' }],
    }, ['+12125550111']);
    expect(result.kind).toBe('stored');
    expect(result.status).toBe('scheduled');
    expect(result.recipients).toEqual([]);
    expect(result.scheduled).toHaveLength(1);
  });

  it('sends transactional only when it is set', () => {
    expect(sendMmsPayload({ to: ['+1'], text: 'x', mediaUrls: [] })).not.toHaveProperty('transactional');
    expect(sendMmsPayload({ to: ['+1'], text: 'x', mediaUrls: [], transactional: true }).transactional).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createSubmissionGuard } from '@/features/send-mms/utils/submission-guard';

function counterKeys() {
  let next = 0;
  return () => `key-${++next}`;
}

describe('createSubmissionGuard', () => {
  it('refuses a second submit while the first is in flight (double click)', () => {
    const guard = createSubmissionGuard(counterKeys());
    expect(guard.begin('{"to":"+14155550100"}')).toEqual({ key: 'key-1' });
    expect(guard.begin('{"to":"+14155550100"}')).toBeNull();
    expect(guard.isInFlight()).toBe(true);
  });

  it('starts a new submission with a new key once the server answered', () => {
    const guard = createSubmissionGuard(counterKeys());
    guard.begin('same body');
    guard.finish('answered');
    expect(guard.begin('same body')).toEqual({ key: 'key-2' });
  });

  it('reuses the key when retrying the same content after no answer came back', () => {
    const guard = createSubmissionGuard(counterKeys());
    guard.begin('same body');
    guard.finish('no-answer');
    expect(guard.begin('same body')).toEqual({ key: 'key-1' });
  });

  it('uses a new key when the content changed after a lost answer', () => {
    const guard = createSubmissionGuard(counterKeys());
    guard.begin('first body');
    guard.finish('no-answer');
    expect(guard.begin('changed body')).toEqual({ key: 'key-2' });
  });

  it('uses crypto.randomUUID by default', () => {
    const ticket = createSubmissionGuard().begin('body');
    expect(ticket?.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

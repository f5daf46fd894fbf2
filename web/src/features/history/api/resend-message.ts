// POST /api/messages/{id}/resend: sends a message again whose outcome is unknown (the server
// refuses with 409 for any other state). Answers like a send: the new message's id.
import { apiRequest } from '@/lib/api-client';

export type ResendResult = { id: string; pending: boolean };

export async function resendMessage(id: string): Promise<ResendResult> {
  const response = await apiRequest<{ id?: unknown; status?: unknown }>(`/api/messages/${encodeURIComponent(id)}/resend`, {
    method: 'POST',
    json: {},
  });
  const body = response.data ?? {};
  return { id: typeof body.id === 'string' ? body.id : '', pending: response.status === 202 || body.status === 'pending' };
}

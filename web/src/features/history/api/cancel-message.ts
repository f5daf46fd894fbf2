// POST /api/messages/{id}/cancel: cancels a message held for quiet hours. The server answers 409
// (an ApiError with its sentence) when the message is no longer scheduled: its window opened and it
// is being sent, or it was cancelled already.
import { apiRequest } from '@/lib/api-client';

export async function cancelMessage(id: string): Promise<void> {
  await apiRequest<unknown>(`/api/messages/${encodeURIComponent(id)}/cancel`, { method: 'POST', json: {} });
}

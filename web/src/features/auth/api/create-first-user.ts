// POST /api/setup: creates the first (admin) account. Only accepted while no user exists, and only
// with the one-time setup token from the link the server printed at start-up.
import { apiRequest } from '@/lib/api-client';

export type FirstUserInput = { name: string; email: string; password: string; token: string };

export async function createFirstUser(input: FirstUserInput): Promise<void> {
  await apiRequest<unknown>('/api/setup', { method: 'POST', json: input, redirectOnUnauthorized: false });
}

// User administration (admins; docs/openapi.yaml /api/users…) and the one-time links (/api/invites/{token}).
import type { Role } from '@/lib/role';
import { apiRequest } from '@/lib/api-client';

export type TeamUser = {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
  disabled: boolean;
  lastSignInAt: string | null;
  lastSignInAddress: string | null;
  isYou: boolean;
};

// The link is in this answer only: the admin copies it to the person.
export type OneTimeLink = { link: string; email: string; role: Role; kind: 'invite' | 'reset'; expiresAt: string };

export type LinkDescription = { kind: 'invite' | 'reset'; email: string; role: Role; expiresAt: string };

export async function listUsers(): Promise<TeamUser[]> {
  const response = await apiRequest<{ users?: TeamUser[] }>('/api/users');
  return response.data?.users ?? [];
}

export async function inviteUser(input: { email: string; role: Role }): Promise<OneTimeLink> {
  const response = await apiRequest<OneTimeLink>('/api/users/invites', { method: 'POST', json: input });
  return response.data;
}

export async function updateUser(id: string, change: { role?: Role; disabled?: boolean }): Promise<TeamUser> {
  const response = await apiRequest<{ user: TeamUser }>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: change });
  return response.data.user;
}

export async function createPasswordResetLink(id: string): Promise<OneTimeLink> {
  const response = await apiRequest<OneTimeLink>(`/api/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST', json: {} });
  return response.data;
}

export async function describeLink(token: string): Promise<LinkDescription> {
  const response = await apiRequest<LinkDescription>(`/api/invites/${encodeURIComponent(token)}`);
  return response.data;
}

export async function acceptLink(token: string, input: { name: string; password: string }): Promise<{ email: string; role: Role }> {
  const response = await apiRequest<{ email: string; role: Role }>(`/api/invites/${encodeURIComponent(token)}`, {
    method: 'POST',
    json: input,
  });
  return response.data;
}

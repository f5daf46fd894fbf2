// The signed-in account's role, from GET /api/auth/session (user.role). The server checks every
// route; the UI only hides what the role cannot do. A session without a role reads as "sender".
import { useContext } from 'react';
import { SessionContext } from 'next-auth/react';

export type Role = 'admin' | 'sender' | 'viewer';
export const roles: readonly Role[] = ['admin', 'sender', 'viewer'];

export function roleOf(user: unknown): Role {
  const role = user && typeof user === 'object' ? (user as { role?: unknown }).role : undefined;
  return role === 'admin' || role === 'viewer' ? role : 'sender';
}

// Read from the context directly: a component rendered without a SessionProvider (a unit test)
// gets the default role instead of an error.
export function useRole(): Role {
  const session = useContext(SessionContext);
  return roleOf(session?.data?.user);
}

export const canSend = (role: Role) => role !== 'viewer';
export const canAdminister = (role: Role) => role === 'admin';

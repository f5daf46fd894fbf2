// /settings/users: every account with its role, state and last sign-in; invite (a one-time link),
// change role, disable/enable (confirmed), and password-reset links.
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import { Card } from '@/components/ui/card/card';
import { labelledInputClassName } from '@/components/ui/form-field/form-field';
import { CopyLink } from '@/features/team/components/copy-link';
import {
  createPasswordResetLink,
  inviteUser,
  listUsers,
  updateUser,
  type OneTimeLink,
  type TeamUser,
} from '@/features/team/api/users';
import { useAsyncData } from '@/hooks/use-async-data';
import { useSubmission } from '@/hooks/use-submission';
import { errorMessage } from '@/lib/errors';
import { roles, type Role } from '@/lib/role';

type RoleSelectProps = { value: Role; onChange: (role: Role) => void; disabled?: boolean; className: string };

function RoleSelect({ value, onChange, disabled = false, className }: RoleSelectProps) {
  return (
    <select value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)} className={className}>
      {roles.map((item) => (
        <option key={item} value={item}>
          {item}
        </option>
      ))}
    </select>
  );
}

function InviteForm({ onInvited }: { onInvited: (link: OneTimeLink) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sender');
  const { busy, error, run } = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      onInvited(await inviteUser({ email: email.trim(), role }));
      setEmail('');
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Invite a person">
      <h2 className="text-lg font-semibold">Invite a person</h2>
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <label className="block text-sm font-medium">
          E-mail address
          <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} className={labelledInputClassName} />
        </label>
        <label className="block text-sm font-medium">
          Role
          <RoleSelect value={role} onChange={setRole} className={labelledInputClassName} />
        </label>
      </div>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Admins manage users, keys, webhooks and the suppression list; senders send, reply and read; viewers only read. The link
        is valid for 48 hours.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" isLoading={busy} disabled={busy}>
        Create invite link
      </Button>
    </form>
  );
}

type UserRowProps = { user: TeamUser; onChanged: (user: TeamUser) => void; onLink: (link: OneTimeLink) => void };

function UserRow({ user, onChanged, onLink }: UserRowProps) {
  const { busy, error, run: submit } = useSubmission();
  const [confirming, setConfirming] = useState(false);
  const label = user.email ?? user.id;

  async function run(action: () => Promise<void>) {
    await submit(action);
    setConfirming(false);
  }

  return (
    <li className="rounded-md border border-gray-200 p-3 dark:border-gray-800" data-testid="user-row">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-semibold">
            {label}
            {user.isYou ? <span className="ml-2 text-sm font-normal">(you)</span> : null}
          </p>
          {user.name ? <p className="text-sm text-gray-700 dark:text-gray-300">{user.name}</p> : null}
          <p className="text-sm text-gray-700 dark:text-gray-300">
            {user.disabled ? <strong className="text-red-800 dark:text-red-300">Disabled · </strong> : null}
            Last sign-in:{' '}
            {user.lastSignInAt
              ? `${new Date(user.lastSignInAt).toLocaleString()}${user.lastSignInAddress ? ` from ${user.lastSignInAddress}` : ''}`
              : 'never'}
          </p>
        </div>
        <label className="text-sm font-medium">
          <span className="sr-only">Role of {label}</span>
          <RoleSelect
            value={user.role}
            disabled={busy}
            onChange={(role) => void run(async () => onChanged(await updateUser(user.id, { role })))}
            className="rounded-md border border-gray-400 px-2 py-2 dark:bg-gray-900"
          />
        </label>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        {confirming ? (
          <div role="group" aria-label={`Confirm ${user.disabled ? 'enabling' : 'disabling'} ${label}`} className="flex flex-wrap items-center gap-2">
            <span className="text-sm">
              {user.disabled ? `Enable ${label}?` : `Disable ${label}? Their sessions and API keys stop working at once.`}
            </span>
            <Button
              variant={user.disabled ? 'primary' : 'danger'}
              isLoading={busy}
              onClick={() => void run(async () => onChanged(await updateUser(user.id, { disabled: !user.disabled })))}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)} disabled={busy}>
            {user.disabled ? 'Enable…' : 'Disable…'}
          </Button>
        )}
        <Button variant="secondary" disabled={busy} onClick={() => void run(async () => onLink(await createPasswordResetLink(user.id)))}>
          Password reset link
        </Button>
      </div>
      {error ? (
        <Alert tone="error" className="mt-2">
          {error}
        </Alert>
      ) : null}
    </li>
  );
}

export function UsersView() {
  const { data: users, error, setData: setUsers } = useAsyncData(() => listUsers(), []);
  const [link, setLink] = useState<OneTimeLink | null>(null);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Users</h1>
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      {link ? <CopyLink link={link} /> : null}
      <Card>
        <InviteForm onInvited={setLink} />
      </Card>
      {users ? (
        <section aria-label="Accounts" className="space-y-3">
          <h2 className="text-lg font-semibold">Accounts</h2>
          <ul className="space-y-2">
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                onLink={setLink}
                onChanged={(changed) => setUsers((previous) => previous?.map((item) => (item.id === changed.id ? changed : item)))}
              />
            ))}
          </ul>
        </section>
      ) : !error ? (
        <p className="text-sm">Loading…</p>
      ) : null}
    </div>
  );
}

// A one-time link the admin passes on: shown selectable, with a copy button that says it copied.
import { useState } from 'react';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';
import type { OneTimeLink } from '@/features/team/api/users';

export function CopyLink({ link }: { link: OneTimeLink }) {
  const [copied, setCopied] = useState(false);
  const what = link.kind === 'invite' ? `Invite for ${link.email} (${link.role})` : `Password reset link for ${link.email}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(link.link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Alert tone="success" title={`${what}: copy it now, it is not shown again.`}>
      <code className="mt-1 block break-all select-all" data-testid="one-time-link">
        {link.link}
      </code>
      <p className="mt-1">Valid until {new Date(link.expiresAt).toLocaleString()}, once.</p>
      <Button variant="secondary" className="mt-2" onClick={copy}>
        {copied ? 'Copied' : 'Copy link'}
      </Button>
    </Alert>
  );
}

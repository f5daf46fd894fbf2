// A one-time link the admin passes on: shown selectable, with a copy button that says it copied.
import { Button } from '@/components/ui/button/button';
import { SecretPanel } from '@/components/ui/secret-panel/secret-panel';
import type { OneTimeLink } from '@/features/team/api/users';
import { useCopyToClipboard } from '@/hooks/use-copy-to-clipboard';

export function CopyLink({ link }: { link: OneTimeLink }) {
  const { outcome, copy } = useCopyToClipboard(link.link);
  const what = link.kind === 'invite' ? `Invite for ${link.email} (${link.role})` : `Password reset link for ${link.email}`;
  return (
    <SecretPanel title={`${what}: copy it now, it is not shown again.`} secret={link.link} testId="one-time-link" codeClassName="mt-1">
      <p className="mt-1">Valid until {new Date(link.expiresAt).toLocaleString()}, once.</p>
      <Button variant="secondary" className="mt-2" onClick={copy}>
        {outcome === 'copied' ? 'Copied' : 'Copy link'}
      </Button>
    </SecretPanel>
  );
}

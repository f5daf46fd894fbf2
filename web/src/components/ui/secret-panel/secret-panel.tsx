// A secret the server shows only once (a new API key, a webhook signing secret, a one-time link):
// selectable in a success panel whose title says to copy it now; `children` (copy button, notes) follow it.
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert/alert';

type SecretPanelProps = {
  title: string;
  secret: string;
  // The e2e suite reads the secret through it.
  testId: string;
  // Spacing around the secret (each page keeps the one it had).
  codeClassName?: string;
  children?: ReactNode;
};

export function SecretPanel({ title, secret, testId, codeClassName = '', children }: SecretPanelProps) {
  return (
    <Alert tone="success" title={title}>
      <code className={`${codeClassName} block break-all select-all`} data-testid={testId}>
        {secret}
      </code>
      {children}
    </Alert>
  );
}

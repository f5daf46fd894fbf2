// Shown when a page fails to render, most often because its code chunk could not be loaded
// (a new version was deployed, or the network dropped): reloading fixes both.
import { useRouteError } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { Alert } from '@/components/ui/alert/alert';
import { Button } from '@/components/ui/button/button';

export function RouteError() {
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : undefined;
  return (
    <AppShell width="narrow">
      <Alert tone="error" title="This page could not be shown.">
        {detail ? <p className="mt-1 break-words">{detail}</p> : null}
      </Alert>
      <Button className="mt-4" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </AppShell>
  );
}

// Any other path.
import { Link } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { Card } from '@/components/ui/card/card';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <AppShell width="narrow">
      <Card>
        <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Page not found</h1>
        <p className="mt-2 text-gray-800 dark:text-gray-200">
          <Link className="font-semibold text-indigo-800 underline dark:text-indigo-200" to={paths.sendMms.getHref()}>
            Go to Send MMS
          </Link>
        </p>
      </Card>
    </AppShell>
  );
}

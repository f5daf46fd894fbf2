// Any other path, inside the signed-in layout (navigation and sandbox banner stay).
import { Link } from 'react-router';
import { Card } from '@/components/ui/card/card';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

const linkClass = 'font-semibold text-indigo-800 underline dark:text-indigo-200';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-xl font-bold text-gray-900 dark:text-gray-50">Page not found</h1>
        <p className="mt-2 text-gray-800 dark:text-gray-200">There is no page at this address.</p>
        <p className="mt-4 flex flex-wrap gap-4">
          <Link className={linkClass} to={paths.sendMms.getHref()}>
            Send a message
          </Link>
          <Link className={linkClass} to={paths.messages.getHref()}>
            Message history
          </Link>
        </p>
      </Card>
    </div>
  );
}

// Renders a component inside a memory router (and, when asked, next-auth's SessionProvider), the
// way the app mounts it.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SessionProvider } from 'next-auth/react';
import { createMemoryRouter, RouterProvider } from 'react-router';

type RenderOptions = { path?: string; route?: string; withSession?: boolean };

export function renderWithRouter(ui: ReactElement, { path = '/', route = path.split('?')[0], withSession = false }: RenderOptions = {}) {
  const router = createMemoryRouter(
    [
      { path: route, element: ui },
      { path: '*', element: <p>Other page</p> },
    ],
    { initialEntries: [path] },
  );
  const tree = <RouterProvider router={router} />;
  const user = userEvent.setup();
  const result = render(withSession ? <SessionProvider basePath="/api/auth">{tree}</SessionProvider> : tree);
  return { ...result, router, user };
}

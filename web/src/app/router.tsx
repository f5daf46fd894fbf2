// Client-side routes. The server answers index.html for each of them (src/app/static_routes.cpp
// keeps the same list). Every page is its own chunk, so each loads only what it needs (the entry
// holds the router, the session and the layout).
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { NotFoundRoute } from '@/app/routes/not-found';
import { ProtectedLayout } from '@/app/routes/protected-layout';
import { RouteError } from '@/app/routes/route-error';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { defaultSignedInPath, paths } from '@/config/paths';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { currentPathWithSearch } from '@/lib/callback-url';

const LoginRoute = lazy(() => import('@/app/routes/login'));
const SetupRoute = lazy(() => import('@/app/routes/setup'));
const SendMmsRoute = lazy(() => import('@/app/routes/send-mms'));
const MessagesRoute = lazy(() => import('@/app/routes/messages'));
const MessageRoute = lazy(() => import('@/app/routes/message'));
const ConversationsRoute = lazy(() => import('@/app/routes/conversations'));
const WebhooksRoute = lazy(() => import('@/app/routes/webhooks'));
const SettingsLayout = lazy(() => import('@/app/routes/settings'));
const UsersRoute = lazy(() => import('@/app/routes/users'));
const AuditRoute = lazy(() => import('@/app/routes/audit'));
const SuppressionsRoute = lazy(() => import('@/app/routes/suppressions'));
const ApiKeysRoute = lazy(() => import('@/app/routes/api-keys'));
const InviteRoute = lazy(() => import('@/app/routes/invite'));

// A page outside the signed-in layout (which has its own fallback): the page spinner while its chunk loads.
function standalone(Page: ComponentType) {
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, element: <Navigate to={defaultSignedInPath} replace /> },
      { path: paths.login.path, element: standalone(LoginRoute) },
      { path: paths.setup.path, element: standalone(SetupRoute) },
      ...[paths.invite.path, paths.resetPassword.path].map((path) => ({ path, element: standalone(InviteRoute) })),
      {
        element: <ProtectedLayout />,
        children: [
          { path: paths.sendMms.path, element: <SendMmsRoute /> },
          { path: paths.messages.path, element: <MessagesRoute /> },
          { path: paths.message.path, element: <MessageRoute /> },
          // One page for the list and the open thread, so the list stays put while threads change.
          {
            path: paths.conversations.path,
            element: <ConversationsRoute />,
            children: [{ index: true }, { path: paths.conversation.path }],
          },
          {
            path: paths.settings.path,
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to={paths.settingsUsers.getHref()} replace /> },
              { path: paths.settingsUsers.path, element: <UsersRoute /> },
              { path: paths.settingsAudit.path, element: <AuditRoute /> },
              { path: paths.webhooks.path, element: <WebhooksRoute /> },
              { path: paths.settingsKeys.path, element: <ApiKeysRoute /> },
              { path: paths.settingsSuppressions.path, element: <SuppressionsRoute /> },
            ],
          },
          // Inside the layout: a mistyped address keeps the navigation and the sandbox banner.
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
]);

// A 401 from the API means the session cookie expired or was revoked: sign in again, then come back.
setUnauthorizedHandler(() => {
  if (window.location.pathname === paths.login.path) return;
  void router.navigate(paths.login.getHref(currentPathWithSearch(window.location)), { replace: true });
});

export function AppRouter() {
  return <RouterProvider router={router} />;
}

// Frame for the signed-in pages: sends signed-out visitors to /login with a way back, shows who is
// signed in, the navigation, "Sign out" and the sandbox banner.
import { lazy, Suspense, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from 'next-auth/react';
import { AppShell, type NavigationItem } from '@/components/layouts/app-shell';
import { PageLoading } from '@/components/ui/spinner/page-loading';
import { paths } from '@/config/paths';
import { useServerStatus } from '@/features/auth/api/get-server-status';
import { signOutQuietly } from '@/features/auth/api/sign-out';
import { useTitleCount } from '@/hooks/use-document-title';
import { currentPathWithSearch } from '@/lib/callback-url';

const navigation: NavigationItem[] = [
  { label: 'Send', href: paths.sendMms.getHref() },
  { label: 'Conversations', href: paths.conversations.getHref(), section: true },
  { label: 'History', href: paths.messages.getHref() },
  { label: 'Webhooks', href: paths.webhooks.getHref() },
  { label: 'API keys', href: paths.apiKeys.getHref() },
];

const UnreadWatcher = lazy(() => import('@/features/conversations/components/unread-watcher'));

// The unread count (navigation badge and tab title) follows the live stream, so it exists only
// while someone is signed in.
function SignedInShell(props: Omit<Parameters<typeof AppShell>[0], 'navigation'>) {
  const [unread, setUnread] = useState(0);
  useTitleCount(unread);
  const items = navigation.map((item) => (item.href === paths.conversations.getHref() ? { ...item, badge: unread } : item));
  return (
    <>
      <Suspense fallback={null}>
        <UnreadWatcher onChange={setUnread} />
      </Suspense>
      <AppShell {...props} navigation={items} />
    </>
  );
}

export function ProtectedLayout() {
  const session = useSession();
  const { status } = useServerStatus();
  const location = useLocation();
  const navigate = useNavigate();
  const [isSigningOut, setIsSigningOut] = useState(false);

  if (session.status === 'loading') {
    return (
      <AppShell sandbox={status?.sandbox}>
        <PageLoading />
      </AppShell>
    );
  }
  if (session.status === 'unauthenticated' || !session.data) {
    // After "Sign out" there is no page to come back to.
    if (isSigningOut) return <Navigate to={paths.login.signedOutHref} replace />;
    return <Navigate to={paths.login.getHref(currentPathWithSearch(location))} replace />;
  }

  async function handleSignOut() {
    setIsSigningOut(true);
    await signOutQuietly();
    await navigate(paths.login.signedOutHref, { replace: true });
  }

  return (
    <SignedInShell sandbox={status?.sandbox} user={session.data.user ?? {}} onSignOut={handleSignOut} isSigningOut={isSigningOut}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </SignedInShell>
  );
}

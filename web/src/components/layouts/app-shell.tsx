// The frame of every page: a top bar (same height and colours as index.html's loading skeleton, so
// nothing jumps when the app starts), the sandbox banner and the main region. Signed-in pages pass
// the user and get the navigation and "Sign out".
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { SandboxBanner } from '@/components/layouts/sandbox-banner';
import { Button } from '@/components/ui/button/button';

// `badge`: a count shown next to the label (unread conversations), 0 shows nothing; `section`: the
// link is also current on the pages under it (/conversations/{id}).
export type NavigationItem = { label: string; href: string; badge?: number; section?: boolean };

export type ShellUser = { name?: string | null; email?: string | null };

type AppShellProps = {
  children: ReactNode;
  sandbox?: boolean;
  user?: ShellUser;
  navigation?: NavigationItem[];
  onSignOut?: () => void;
  isSigningOut?: boolean;
  width?: 'narrow' | 'wide';
};

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2.5 py-2 text-sm font-semibold whitespace-nowrap sm:px-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${
    isActive ? 'bg-indigo-950 text-white' : 'text-indigo-50 hover:bg-indigo-800'
  }`;

export function AppShell({ children, sandbox = false, user, navigation = [], onSignOut, isSigningOut = false, width = 'wide' }: AppShellProps) {
  const userLabel = user?.name && user.email ? `${user.name} (${user.email})` : (user?.email ?? user?.name ?? '');
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-gray-900"
      >
        Skip to main content
      </a>
      <header className="bg-indigo-900 text-white">
        <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
          <span className="text-lg font-bold tracking-tight">mmsgate</span>
          {navigation.length > 0 ? (
            <nav aria-label="Main" className="flex flex-wrap gap-1">
              {navigation.map((item) => (
                <NavLink key={item.href} to={item.href} className={navLinkClass} end={!item.section}>
                  {item.label}
                  {item.badge ? (
                    <span data-testid="unread-badge" className="ml-1.5 inline-block min-w-5 rounded-full bg-amber-300 px-1.5 text-center text-xs font-bold text-gray-950 tabular-nums">
                      <span className="sr-only">, unread: </span>
                      {item.badge}
                    </span>
                  ) : null}
                </NavLink>
              ))}
            </nav>
          ) : null}
          {user ? (
            <div className="ml-auto flex min-w-0 items-center gap-3">
              <span className="truncate text-sm text-indigo-50" title={userLabel}>
                <span className="sr-only">Signed in as </span>
                {userLabel}
              </span>
              <Button
                variant="secondary"
                className="min-h-9 py-1 whitespace-nowrap"
                onClick={onSignOut}
                disabled={isSigningOut}
              >
                Sign out
              </Button>
            </div>
          ) : null}
        </div>
      </header>
      {sandbox ? <SandboxBanner /> : null}
      <main id="main" tabIndex={-1} className={`mx-auto px-4 py-6 focus:outline-none ${width === 'narrow' ? 'max-w-md' : 'max-w-6xl'}`}>
        {children}
      </main>
    </div>
  );
}

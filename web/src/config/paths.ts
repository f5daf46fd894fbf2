// Every client-side route in one place; the server falls back to index.html for these.

export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: {
    path: '/login',
    // callbackPath: where to go after signing in (a same-origin path, see lib/callback-url.ts).
    getHref: (callbackPath?: string) =>
      callbackPath ? `/login?${new URLSearchParams({ callbackUrl: callbackPath })}` : '/login',
    // After "Sign out": the login page confirms it.
    signedOutHref: '/login?signedOut=1',
  },
  setup: { path: '/setup', getHref: () => '/setup' },
  sendMms: { path: '/send-mms', getHref: () => '/send-mms' },
  messages: { path: '/messages', getHref: () => '/messages' },
  message: {
    path: '/messages/:id',
    getHref: (id: string) => `/messages/${encodeURIComponent(id)}`,
  },
  conversations: {
    path: '/conversations',
    // search: opens the list filtered (a number or text), e.g. from a message without a known conversation.
    getHref: (search?: string) => (search ? `/conversations?${new URLSearchParams({ q: search })}` : '/conversations'),
  },
  conversation: {
    path: '/conversations/:id',
    getHref: (id: string) => `/conversations/${encodeURIComponent(id)}`,
  },
  webhooks: { path: '/settings/webhooks', getHref: () => '/settings/webhooks' },
  settings: { path: '/settings', getHref: () => '/settings' },
  settingsUsers: { path: '/settings/users', getHref: () => '/settings/users' },
  settingsAudit: { path: '/settings/audit', getHref: () => '/settings/audit' },
  // Filled in by the API keys and suppression-list features.
  settingsKeys: { path: '/settings/keys', getHref: () => '/settings/keys' },
  settingsSuppressions: { path: '/settings/suppressions', getHref: () => '/settings/suppressions' },
  invite: { path: '/invite/:token', getHref: (token: string) => `/invite/${encodeURIComponent(token)}` },
  resetPassword: { path: '/reset-password/:token', getHref: (token: string) => `/reset-password/${encodeURIComponent(token)}` },
  suppressions: { path: '/settings/suppressions', getHref: () => '/settings/suppressions' },
  apiKeys: { path: '/settings/keys', getHref: () => '/settings/keys' },
} as const;

export const defaultSignedInPath = paths.sendMms.getHref();

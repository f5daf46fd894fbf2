// The navigation of the admins' settings area (/settings/…): a row of tabs that wraps at 390 px.
// Other features add their pages here (API keys, suppression list).
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';

export const settingsSections = [
  { label: 'Users', href: paths.settingsUsers.getHref() },
  { label: 'Audit log', href: paths.settingsAudit.getHref() },
  { label: 'Webhooks', href: paths.webhooks.getHref() },
  { label: 'API keys', href: paths.settingsKeys.getHref() },
  { label: 'Suppression list', href: paths.settingsSuppressions.getHref() },
] as const;

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-semibold whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
    isActive
      ? 'bg-indigo-100 text-indigo-950 dark:bg-indigo-900 dark:text-white'
      : 'text-gray-800 hover:bg-gray-100 dark:text-gray-200 dark:hover:bg-gray-800'
  }`;

export function SettingsNav() {
  return (
    <nav aria-label="Settings" className="mb-6 flex flex-wrap gap-1 border-b border-gray-200 pb-2 dark:border-gray-800">
      {settingsSections.map((section) => (
        <NavLink key={section.href} to={section.href} className={linkClass}>
          {section.label}
        </NavLink>
      ))}
    </nav>
  );
}

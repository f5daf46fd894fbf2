// /settings/…: the admins' area, one navigation above its pages. Other roles are told so (the
// server refuses their requests anyway).
import { Outlet } from 'react-router';
import { Alert } from '@/components/ui/alert/alert';
import { SettingsNav } from '@/features/team/components/settings-nav';
import { canAdminister, useRole } from '@/lib/role';

export default function SettingsLayout() {
  const role = useRole();
  if (!canAdminister(role)) return <Alert tone="info">Settings are for admins. Ask an admin if you need a change.</Alert>;
  return (
    <div>
      <SettingsNav />
      <Outlet />
    </div>
  );
}

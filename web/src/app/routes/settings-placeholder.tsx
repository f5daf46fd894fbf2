// A settings page another feature fills in (API keys, the suppression list); until then it says so.
import { Alert } from '@/components/ui/alert/alert';

export default function SettingsPlaceholder() {
  return <Alert tone="info">This settings page is not available in this version.</Alert>;
}

// Follows the signed-in user's unread total and reports it to the layout (badge and tab title).
// Loaded on its own just after the layout shows, so its code (the stream client, the store) stays
// out of every page's first load.
import { useEffect } from 'react';
import { useUnreadTotal } from '@/features/conversations/hooks/use-unread-total';

export default function UnreadWatcher({ onChange }: { onChange: (unread: number) => void }) {
  const unread = useUnreadTotal() ?? 0;
  useEffect(() => onChange(unread), [unread, onChange]);
  return null;
}

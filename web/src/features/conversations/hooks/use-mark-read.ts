// Marks the open thread read while the page is visible: when it opens with unread messages, when
// a message arrives in it, and when the tab comes back into view. The answer updates the badge.
import { useEffect, useRef } from 'react';
import { markConversationRead, type ReadResult } from '@/features/conversations/api/conversations';
import { setUnreadTotal } from '@/features/conversations/hooks/use-unread-total';

export function useMarkReadWhenVisible(id: string, unreadCount: number, onRead: (result: ReadResult) => void): void {
  const pending = useRef(false);
  const latest = useRef(onRead);
  useEffect(() => {
    latest.current = onRead;
  });

  useEffect(() => {
    if (unreadCount === 0) return;
    const markIfVisible = () => {
      if (document.visibilityState !== 'visible' || pending.current) return;
      pending.current = true;
      markConversationRead(id).then(
        (result) => {
          pending.current = false;
          if (result.unreadTotal !== null) setUnreadTotal(result.unreadTotal);
          latest.current(result);
        },
        () => {
          // Still unread: the next arrival or return to the tab tries again.
          pending.current = false;
        },
      );
    };
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [id, unreadCount]);
}

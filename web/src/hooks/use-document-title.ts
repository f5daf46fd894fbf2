// Sets the tab title per page; screen readers announce it after client-side navigation.
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · mmsgate`;
  }, [title]);
}

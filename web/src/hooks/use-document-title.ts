// Sets the tab title per page; screen readers announce it after client-side navigation. A count
// (unread conversations) goes in front of whatever page is shown: "(3) Send MMS · mmsgate".
import { useEffect } from 'react';

let pageTitle = '';
let count = 0;

function showTitle(): void {
  const prefix = count > 0 ? `(${count}) ` : '';
  document.title = pageTitle ? `${prefix}${pageTitle} · mmsgate` : `${prefix}mmsgate`;
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    pageTitle = title;
    showTitle();
  }, [title]);
}

export function useTitleCount(value: number): void {
  useEffect(() => {
    count = value;
    showTitle();
    return () => {
      count = 0;
      showTitle();
    };
  }, [value]);
}

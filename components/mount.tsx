import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage, type MessageKey } from '../lib/i18n';

/** Starts one extension page: its language and title from the browser's locale, then the view. */
export function mountPage(titleKey: MessageKey, page: ReactNode): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{page}</StrictMode>);
}

import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { LockGate } from './LockGate';
import { t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { currentLockState } from '../../lib/keys/state';

/**
 * Starts one extension page: its language and title from the browser's locale, then the view
 * behind the lock's gate (the unlock screen instead while the lock is locked).
 */
export function mountPage(titleKey: MessageKey, page: ReactNode): void {
  // The gate's first question, asked before React starts: the answer is cached for it.
  void currentLockState().catch(() => undefined);
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <LockGate>{page}</LockGate>
      </StrictMode>,
    );
}

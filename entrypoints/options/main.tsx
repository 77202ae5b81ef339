import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t, uiLanguage } from '../../lib/i18n';
import '../../assets/app.css';
import { LockGate } from '../../components/shared/LockGate';
import { SettingsForm } from '../../components/options/SettingsForm';

// Backup, import and exports load after the settings form is on screen.
const DataSection = lazy(() => import('../../components/options/DataSection').then((m) => ({ default: m.DataSection })));
// The lock's settings load with the key derivation they need, after the rest.
// The calendar connection loads its CalDAV code only here, after the rest.
const CalendarSection = lazy(() => import('../../components/options/CalendarSection').then((m) => ({ default: m.CalendarSection })));
const LockSection = lazy(() => import('../../components/options/LockSection').then((m) => ({ default: m.LockSection })));
// Sync brings the WebDAV client and the vault's crypto: loaded after the rest.
const SyncSection = lazy(() => import('../../components/options/SyncSection').then((m) => ({ default: m.SyncSection })));

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LockGate>
        <main>
          <h1>{t('optionsTitle')}</h1>
          <nav className="options-nav" aria-label={t('optionsNavLabel')}>
            <a href="#reminders">{t('remindersSectionTitle')}</a>
            <a href="#calendar">{t('calendarTitle')}</a>
            <a href="#data">{t('dataTitle')}</a>
            <a href="#lock">{t('lockTitle')}</a>
            <a href="#sync">{t('syncTitle')}</a>
          </nav>
          <p>
            <a className="button link full-view-link" href={browser.runtime.getURL('/manage.html')}>
              {t('openFullViewLong')}
            </a>
          </p>
          <SettingsForm />
          <Suspense fallback={null}>
            <CalendarSection />
          </Suspense>
          <Suspense fallback={<p className="status">…</p>}>
            <DataSection />
          </Suspense>
          <Suspense fallback={null}>
            <LockSection />
          </Suspense>
          <Suspense fallback={null}>
            <SyncSection />
          </Suspense>
        </main>
      </LockGate>
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '../../lib/i18n';
import '../../assets/app.css';
import { SettingsForm } from '../../components/SettingsForm';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <main>
        <h1>{t('optionsTitle')}</h1>
        <SettingsForm />
      </main>
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '../../lib/i18n';
import '../../assets/app.css';
import { App } from './App';

document.documentElement.lang = uiLanguage();
document.title = t('panelTitle');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

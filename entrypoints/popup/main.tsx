import '../../assets/app.css';
import { lockWasOn } from '../../components/shared/LockGate';
import { mountPage } from '../../components/shared/mount';
import { readFirstScreenEarly } from '../../components/shared/useAgreementScreen';
import { toIsoDate } from '../../lib/domain/dates';
import { App } from './App';

// The list's reads start now, while React renders (with the lock off; else the gate decides first).
if (!lockWasOn()) readFirstScreenEarly(toIsoDate(Date.now()), new URLSearchParams(location.search).get('agreement'));
mountPage('extName', <App />);

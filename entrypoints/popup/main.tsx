import '../../assets/app.css';
import { lockWasOn } from '../../components/LockGate';
import { mountPage } from '../../components/mount';
import { readFirstScreenEarly } from '../../components/useAgreementScreen';
import { toIsoDate } from '../../lib/domain/dates';
import { App } from './App';

// The list's reads start now, while React renders (with the lock off; else the gate decides first).
if (!lockWasOn()) readFirstScreenEarly(toIsoDate(Date.now()), new URLSearchParams(location.search).get('agreement'));
mountPage('extName', <App />);

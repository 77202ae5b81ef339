import '../../assets/app.css';
import { mountPage } from '../../components/shared/mount';
import { App } from './App';

mountPage('panelTitle', <App />);

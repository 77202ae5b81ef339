import '../../assets/app.css';
import '../../assets/manage.css';
import { mountPage } from '../../components/shared/mount';
import { App } from './App';

mountPage('manageTitle', <App />);

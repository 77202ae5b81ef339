import '../../assets/app.css';
import '../../assets/manage.css';
import { mountPage } from '../../components/mount';
import { App } from './App';

mountPage('manageTitle', <App />);

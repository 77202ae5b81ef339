import '../../assets/app.css';
import { mountPage } from '../../components/mount';
import { App } from './App';

mountPage('extName', <App />);

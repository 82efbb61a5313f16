import { render } from 'preact';
import { Popup } from '../../popup/Popup.tsx';
import '../../ui/page.css';

document.body.style.width = '340px';
render(<Popup />, document.getElementById('app')!);

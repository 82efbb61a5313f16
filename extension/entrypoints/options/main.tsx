import { render } from 'preact';
import { OptionsPage } from '../../options/OptionsPage.tsx';
import '../../ui/page.css';

render(<OptionsPage />, document.getElementById('app')!);

/** jest's globalTeardown for the backend project (jest.config.js): closes the shared browser (browser-broker.ts). */
import { stopBrowserBroker } from './browser-broker';

export default stopBrowserBroker;

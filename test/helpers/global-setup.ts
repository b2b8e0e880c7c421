/** jest's globalSetup for the backend project (jest.config.js): the shared browser's endpoint (browser-broker.ts). */
import { startBrowserBroker } from './browser-broker';

export default startBrowserBroker;

/** Day boundaries with the process clock in Los Angeles, 16 hours behind Beijing in winter. */
import './zone-los-angeles';
import { describeDayBoundaries } from './day-boundaries';

jest.setTimeout(60_000);

describeDayBoundaries('America/Los_Angeles');

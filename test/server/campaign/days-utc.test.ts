/** Day boundaries with the process clock in UTC (as cloud functions run). */
import './zone-utc';
import { describeDayBoundaries } from './day-boundaries';

jest.setTimeout(60_000);

describeDayBoundaries('UTC');

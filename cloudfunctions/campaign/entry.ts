/** Deploy unit `campaign`: the routing and the domain code live in server/campaign. */
import { campaignFunction } from '../../server/campaign/actions';

export const main = campaignFunction.main;

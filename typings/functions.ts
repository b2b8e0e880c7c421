/**
 * Every cloud function's action contracts. The functions validate inputs with these schemas at runtime; the
 * app sees only the derived types (`FunctionActions`, through typings/api.ts).
 */
import type { ContractTypes } from './contract';
import { userContracts } from './functions/user';
import { courseContracts } from './functions/course';
import { campaignContracts } from './functions/campaign';
import { contestContracts } from './functions/contest';
import { adminContracts } from './functions/admin';
import { pointsContracts, pointsExpiryContracts } from './functions/points';

export const CONTRACTS = {
  user: userContracts,
  course: courseContracts,
  campaign: campaignContracts,
  contest: contestContracts,
  admin: adminContracts,
  points: pointsContracts,
  pointsExpiry: pointsExpiryContracts,
};

export type FunctionActions = { [F in keyof typeof CONTRACTS]: ContractTypes<(typeof CONTRACTS)[F]> };

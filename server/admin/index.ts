/**
 * Area `admin`: what other areas use (the admin's scope checks on members and departments). The function's
 * actions live in actions.ts.
 */
export { adminScope, assertManages, managedMember, requireCompanyAdmin } from './lookup';

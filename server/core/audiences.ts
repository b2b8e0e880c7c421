/** Audiences (受众) a member belongs to, derived from the roster fields; courses and assignments target them. */
import type { Audience, JobLevel } from '../../typings/domain';
import { beijingDate, daysBetween } from './time';

/** What audiences derive from: a member document or a roster row. */
export interface AudienceFields {
  jobLevel?: JobLevel;
  hireDate?: string;
  external?: boolean;
}

export interface AudienceOptions {
  /** A member is a new hire (新员工) for this many Beijing calendar days, the hire day being day 0. */
  newHireDays?: number;
}

export const DEFAULT_NEW_HIRE_DAYS = 90;

/**
 * External partners get only `external_partner`. Employees get their job level's audience, and `new_hire`
 * from the hire day until `newHireDays` days later; a hire date still in the future also counts as a new hire
 * (chosen so onboarding can be assigned before the first day).
 */
export function deriveAudiences(member: AudienceFields, now: Date, options: AudienceOptions = {}): Audience[] {
  if (member.external) return ['external_partner'];
  const newHireDays = options.newHireDays ?? DEFAULT_NEW_HIRE_DAYS;
  const audiences: Audience[] = [];
  if (member.hireDate && daysBetween(member.hireDate, beijingDate(now)) < newHireDays) audiences.push('new_hire');
  if (member.jobLevel) audiences.push(member.jobLevel);
  return audiences;
}

/** Documents as stored in the cloud database (server side; dates are Date objects). */
import type { RoleGrant } from './roles';

/** 职级: individual contributor, first-line manager, middle or senior manager. */
export type JobLevel = 'individual' | 'first_line_manager' | 'middle_senior_manager';

/** Collection `members`, `_id` = member id. An employee (员工) of the company. */
export interface MemberDoc {
  _id: string;
  /** Absent for external partners, who join by invitation code. */
  employeeNo?: string;
  name: string;
  departmentId: string;
  /** Department names from the top of the organisation down to the member's own department. */
  departmentPath: string[];
  jobLevel: JobLevel;
  /** Beijing calendar day, YYYY-MM-DD. */
  hireDate: string;
  active: boolean;
  roles: RoleGrant[];
  mobile?: string;
  /** External partner (外部合作伙伴), joined by invitation. */
  external?: boolean;
  /** OPENID of the WeChat user bound to this member: one roster entry binds to one WeChat identity. */
  boundOpenid?: string;
  leftAt?: Date;
  reactivatedAt?: Date;
  createdAt?: Date;
  updatedAt?: Date;
}

/** 受众: derived from the member, never stored; courses and assignments target these. */
export type Audience = 'new_hire' | 'individual' | 'first_line_manager' | 'middle_senior_manager' | 'external_partner';

/** Collection `bindings`, `_id` = OPENID: which member a WeChat user is bound to (绑定). */
export interface BindingDoc {
  _id: string;
  memberId: string;
  boundAt: Date;
}

/** Collection `departments`, `_id` = department id. */
export interface DepartmentDoc {
  _id: string;
  name: string;
  path: string[];
  parentId: string | null;
}

export type PublicationStatus = 'draft' | 'published' | 'archived';

export type CourseCategory = 'company_knowledge' | 'general_skills' | 'leadership' | 'professional_skills' | 'onboarding';
export type CourseFormat = 'article' | 'narrated_article' | 'video' | 'audio' | 'h5' | 'text';

/** Collection `courses`: a micro-course (微课). */
export interface CourseDoc {
  _id: string;
  title: string;
  summary: string;
  category: CourseCategory;
  format: CourseFormat;
  durationMinutes: number;
  tags: string[];
  status: PublicationStatus;
  createdAt: Date;
  publishedAt?: Date;
}

/** Collection `campaigns`: a group check-in campaign (打卡活动), days are Beijing days. */
export interface CampaignDoc {
  _id: string;
  title: string;
  summary: string;
  startDay: string;
  endDay: string;
  status: PublicationStatus;
  publishedAt?: Date;
}

/** Collection `contests`: a micro-course competition (微课大赛). */
export interface ContestDoc {
  _id: string;
  title: string;
  theme: string;
  summary: string;
  status: PublicationStatus;
  publishedAt?: Date;
}

/** Collection `invitations`, `_id` = the code: a one-time invitation (邀请码) for a partner outside the roster. */
export interface InvitationDoc {
  _id: string;
  /** Who the code is for, as the admin typed it; becomes the partner's name. */
  name: string;
  note: string;
  departmentId: string;
  departmentPath: string[];
  /** `expired` is never stored: an open code past `expiresAt` is expired. */
  status: 'open' | 'used' | 'revoked';
  createdAt: Date;
  expiresAt: Date;
  createdByMemberId: string;
  usedAt?: Date;
  usedByMemberId?: string;
  revokedAt?: Date;
}

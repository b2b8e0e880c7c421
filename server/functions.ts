/**
 * Every cloud function and its actions, for tools and tests that enumerate them (authorisation matrix,
 * deploy declarations). Each function's entry imports only its own area, so bundles stay small.
 */
import type { FunctionName } from '../typings/api';
import type { CloudFunction } from './core';
import { userFunction } from './user';
import { courseFunction } from './course';
import { campaignFunction } from './campaign';
import { contestFunction } from './contest';
import { adminFunction } from './admin';

export const FUNCTIONS: { [F in FunctionName]: CloudFunction<F> } = {
  user: userFunction,
  course: courseFunction,
  campaign: campaignFunction,
  contest: contestFunction,
  admin: adminFunction,
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

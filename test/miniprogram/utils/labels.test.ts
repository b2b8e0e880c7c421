/** The app's Chinese labels stay in step with typings/ (the app cannot import runtime values from there). */
import { ROLES, ROLE_LABELS as CONTRACT_ROLE_LABELS } from '../../../typings/roles';
import { GRANTABLE_ROLES, ROLE_LABELS } from '../../../miniprogram/utils/labels';

test('role labels are the contract labels', () => {
  expect(ROLE_LABELS).toEqual(CONTRACT_ROLE_LABELS);
});

test('every role but learner can be granted, each once', () => {
  expect([...GRANTABLE_ROLES].sort()).toEqual(ROLES.filter((role) => role !== 'learner').sort());
});

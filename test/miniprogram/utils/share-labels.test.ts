/** The share and report labels stay in step with typings/ (the app cannot import runtime values from there). */
import { SHARE_CHANNEL_LABELS as CONTRACT_CHANNELS, SHARE_TARGET_LABELS as CONTRACT_TARGETS } from '../../../typings/functions/share';
import { TIME_SLOTS, TIME_SLOT_DEFINITIONS, WEEKDAY_LABELS as CONTRACT_WEEKDAYS } from '../../../typings/functions/report';
import { SHARE_CHANNEL_LABELS, SHARE_TARGET_LABELS, TIME_SLOT_LABELS, TIME_SLOT_ORDER, WEEKDAY_LABELS } from '../../../miniprogram/utils/labels';

test('share target and channel labels are the contract labels', () => {
  expect(SHARE_TARGET_LABELS).toEqual(CONTRACT_TARGETS);
  expect(SHARE_CHANNEL_LABELS).toEqual(CONTRACT_CHANNELS);
});

test('time slots and weekdays are the contract ones, in its order', () => {
  expect(TIME_SLOT_ORDER).toEqual(TIME_SLOTS);
  expect(Object.fromEntries(TIME_SLOTS.map((slot) => [slot, TIME_SLOT_LABELS[slot]]))).toEqual(
    Object.fromEntries(TIME_SLOTS.map((slot) => [slot, TIME_SLOT_DEFINITIONS[slot].label])),
  );
  expect(WEEKDAY_LABELS).toEqual(CONTRACT_WEEKDAYS);
});

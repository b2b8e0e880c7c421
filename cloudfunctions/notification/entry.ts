/** Deploy unit `notification` (消息中心 and its timer): the domain code lives in server/notification. */
import { notificationFunction } from '../../server/notification/actions';

export const main = notificationFunction.main;

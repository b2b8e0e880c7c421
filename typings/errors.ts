/** Stable error codes with their default Chinese messages. Codes never change meaning once released. */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '请求参数不正确',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '无法识别你的微信身份，请在微信中打开',
  NOT_MEMBER: '仅限企业员工使用，请先绑定员工身份',
  MEMBER_INACTIVE: '你的员工身份已停用，请联系管理员',
  FORBIDDEN: '你没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请稍后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  ALREADY_BOUND: '你的微信已绑定员工身份',
  MEMBER_TAKEN: '该员工身份已被其他微信绑定，如有疑问请联系管理员',
  BIND_MISMATCH: '工号与姓名不匹配，请核对后重试',
  INVITATION_INVALID: '邀请码无效、已使用或已过期',
  MASS_DEACTIVATION: '本次导入将停用大量员工，请确认名单完整后再导入',
  CONTENT_REJECTED: '内容含有违规信息，请修改后再提交',
  POINTS_INSUFFICIENT: '积分不足',
  OUT_OF_STOCK: '库存不足，已被兑完',
  REDEEM_LIMIT: '已达到该礼品的兑换上限',
  ITEM_UNAVAILABLE: '该礼品当前不可兑换',
  ORDER_STATE: '订单状态已变化，无法进行此操作',
  VOTING_CLOSED: '当前不在投票时间',
  VOTE_LIMIT: '今日票数已用完，明天再来吧',
  INTERNAL: '服务器开小差了，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

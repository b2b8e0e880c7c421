/** Stable error codes with their default Chinese messages. Codes never change meaning once released. */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '请求参数不正确',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '无法识别你的微信身份，请在微信中打开',
  NOT_MEMBER: '仅限企业员工使用，请先绑定员工身份',
  MEMBER_INACTIVE: '你的员工身份已停用，请联系管理员',
  /** The caller's role or management scope does not allow this; other refusals have their own codes. */
  FORBIDDEN: '你没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请稍后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  ALREADY_BOUND: '你的微信已绑定员工身份',
  MEMBER_TAKEN: '该员工身份已被其他微信绑定，如有疑问请联系管理员',
  BIND_MISMATCH: '工号、姓名或验证信息不匹配，请核对后重试',
  PHONE_CODE_INVALID: '手机号验证已失效，请重新点击“手机号验证”',
  INVITATION_INVALID: '邀请码无效、已使用或已过期',
  MASS_DEACTIVATION: '本次导入将停用大量员工，请确认名单完整后再导入',
  CONTENT_REJECTED: '内容含有违规信息，请修改后再提交',
  POINTS_INSUFFICIENT: '积分不足',
  ADJUST_LIMIT: '今日积分调整额度已用完',
  OUT_OF_STOCK: '库存不足，已被兑完',
  REDEEM_LIMIT: '已达到该礼品的兑换上限',
  ITEM_UNAVAILABLE: '该礼品当前不可兑换',
  ORDER_STATE: '订单状态已变化，无法进行此操作',
  CAMPAIGN_STATE: '活动当前状态不允许此操作',
  SIGNUP_CLOSED: '不在报名时间内',
  SIGNUP_REJECTED: '你的报名未通过审核，不能再次报名',
  NOT_ELIGIBLE: '你不在本活动的参与范围内',
  NOT_ENROLLED: '你还没有参加该活动',
  ALREADY_CHECKED_IN: '这一天已经打过卡了',
  /** Another request of the caller's is recording this day's check-in now: refresh later, do not resubmit. */
  CHECKIN_IN_PROGRESS: '正在打卡中，请稍后刷新查看',
  CHECKIN_UNAVAILABLE: '现在不能为这一天打卡',
  CHECKIN_REQUIREMENT: '打卡内容未达到活动要求',
  MAKEUP_UNAVAILABLE: '无法补卡',
  VOTING_CLOSED: '当前不在投票时间',
  VOTE_LIMIT: '今日票数已用完，明天再来吧',
  /** The round does not let members vote for an entry they belong to. */
  OWN_ENTRY: '本轮不能给自己参与的作品投票',
  CONTEST_PHASE: '大赛当前阶段不能进行此操作',
  ALREADY_ENTERED: '已报名本次大赛的其他作品',
  /** One answer for every teammate who cannot be invited, so it never tells who exists or where they are. */
  TEAMMATE_UNAVAILABLE: '无法邀请所填队友：请核对工号与姓名；队友须在本次大赛参赛范围内、未加入其他作品，且不能重复或填写自己',
  COURSE_LOCKED: '课程尚未解锁',
  QUIZ_ATTEMPTS_USED: '测验次数已用完',
  /** The console's sign-in ended (expired after 8 idle hours, ended from the phone, member unbound): scan again. */
  CONSOLE_SESSION_ENDED: '登录已失效，请重新扫码登录',
  /** The scanned login request is past its 2 minutes, already used, or cancelled. */
  CONSOLE_LOGIN_EXPIRED: '登录二维码已失效，请在电脑上刷新二维码后重新扫码',
  /** Confirming a console sign-in without a trainer, reviewer, judge or admin role. */
  CONSOLE_NOT_FOR_YOU: '管理后台仅供培训管理员、审核员、评委和管理员使用',
  /** Classroom sessions (线下课): every seat is taken. */
  SESSION_FULL: '名额已满',
  /** Signing up or cancelling after the session started, or acting on a cancelled session. */
  SESSION_CLOSED: '该课程已开始、已结束或已取消，不能进行此操作',
  /** The session requires its pre-test to be passed before signing up. */
  PRETEST_REQUIRED: '请先通过课前测验再报名',
  NOT_SIGNED_UP: '你没有报名该课程',
  /** A scan outside the attendance window (from 30 minutes before the start until the end). */
  ATTEND_CLOSED: '不在签到时间内',
  /** The scanned attendance code is not one of ours, or older than a minute. */
  ATTEND_CODE_INVALID: '签到码已失效，请扫描讲师屏幕上最新的二维码',
  ALREADY_SURVEYED: '你已经提交过评估问卷',
  INTERNAL: '服务器开小差了，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * Typed refusal codes with a sentence each, in both UI languages. The server answers with the code and the
 * sentence in the caller's language; the console may show its own wording for the same code.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    zh: '提交的内容不符合要求，请检查后重试。',
    en: 'The request is not valid; check it and try again.',
  },
  UNAUTHENTICATED: { zh: '请先登录。', en: 'Please log in first.' },
  FORBIDDEN: { zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  NOT_FOUND: { zh: '未找到该记录，或您无权查看。', en: 'Not found, or you may not see it.' },
  LOGIN_FAILED: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  LOGIN_LOCKED: {
    zh: '登录失败次数过多，账号已临时锁定，请15分钟后再试。',
    en: 'Too many failed logins; the account is locked for 15 minutes.',
  },
  USER_DISABLED: {
    zh: '该账号已停用，请联系管理员。',
    en: 'This account is disabled; contact an administrator.',
  },
  USERNAME_TAKEN: { zh: '用户名已被使用。', en: 'That username is already taken.' },
  GRANT_SCOPE_INVALID: {
    zh: '角色与授权范围不匹配（例如网格员必须授权到网格）。',
    en: 'The role does not fit the scope (a grid worker must be granted a grid, for example).',
  },
  GRANT_EXISTS: { zh: '该用户已有此授权。', en: 'The user already has this grant.' },
  GEOJSON_INVALID: {
    zh: '边界数据有误，未导入任何内容。',
    en: 'The boundary file has errors; nothing was imported.',
  },
  OUTSIDE_GRIDS: { zh: '该位置不在任何网格内。', en: 'That location is not inside any grid.' },
  UNIT_CODE_TAKEN: { zh: '单位编码已存在。', en: 'That unit code already exists.' },
  CONFLICT: {
    zh: '记录已被他人修改，请刷新后重试。',
    en: 'The record changed meanwhile; reload and try again.',
  },
  CATEGORY_UNKNOWN: { zh: '未知的问题类别。', en: 'Unknown case category.' },
  CATEGORY_INACTIVE: { zh: '该问题类别已停用。', en: 'That category is no longer in use.' },
  ANSWER_REQUIRED: { zh: '请填写该类别的必填项。', en: 'Answer the questions this category requires.' },
  ANSWER_INVALID: { zh: '补充信息的格式不正确。', en: 'An answer to the category questions is not valid.' },
  PHOTO_NOT_IMAGE: {
    zh: '只能上传 JPEG、PNG 或 WebP 图片。',
    en: 'Only JPEG, PNG or WebP images can be uploaded.',
  },
  PHOTO_TOO_LARGE: { zh: '图片过大，单张不能超过 10MB。', en: 'The image is too large (10 MB at most).' },
  PHOTO_TOO_MANY: { zh: '图片数量过多，最多 9 张。', en: 'Too many images (9 at most).' },
  TRANSITION_NOT_ALLOWED: {
    zh: '当前状态下您不能执行此操作。',
    en: 'You cannot do this to the case in its current state.',
  },
  CASE_STATE_CONFLICT: {
    zh: '案件状态已被他人更新，请刷新后重试。',
    en: 'Someone else changed the case meanwhile; reload and try again.',
  },
  UNIT_REQUIRED: { zh: '请选择责任单位。', en: 'Choose the responsible unit.' },
  CHECK_REQUIRED: { zh: '核查通过后才能结案。', en: 'The case can be closed only after a passed check.' },
  EXTENSION_PENDING: {
    zh: '已有待审批的延期申请。',
    en: 'An extension request is already waiting for a decision.',
  },
  EXTENSION_NONE: { zh: '没有待审批的延期申请。', en: 'There is no extension request to decide.' },
  RATING_WINDOW_PASSED: { zh: '已超过评价期限。', en: 'The time to rate this case has passed.' },
  ALREADY_RATED: { zh: '该案件已评价。', en: 'This case has already been rated.' },
  MERGE_TARGET_INVALID: {
    zh: '只能合并到另一个未结案的案件。',
    en: 'A case can be merged only into another open case.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '该请求编号已用于另一份不同的上报。',
    en: 'That Idempotency-Key was already used for a different report.',
  },
  CALENDAR_INVALID: { zh: '日历设置不正确。', en: 'The calendar setting is not valid.' },
  WEBHOOK_URL_INVALID: { zh: '回调地址必须是 http(s) 地址。', en: 'The webhook URL must be an http(s) URL.' },
  CURSOR_INVALID: {
    zh: '分页参数无效，请从第一页重新开始。',
    en: 'The page cursor is not valid; start from the first page.',
  },
  DB_UNAVAILABLE: {
    zh: '数据库暂时无法连接，请稍后再试；已受理的上报不会丢失。',
    en: 'The database is unavailable for a moment; try again shortly. Acknowledged reports are not lost.',
  },
  RATE_LIMITED: {
    zh: '操作过于频繁，请稍后再试。',
    en: 'Too many requests; wait a moment and try again.',
  },
  SERVER_BUSY: {
    zh: '服务器正忙，请稍后重新提交。',
    en: 'The server is busy; submit again in a moment.',
  },
  ORIGIN_FORBIDDEN: {
    zh: '请求来源不被允许，请从本系统页面操作。',
    en: 'Requests from another site are not accepted; use the CivicGrid pages.',
  },
  TEXT_INVALID: {
    zh: '内容包含无法识别的字符（如空字符），请删除后重试。',
    en: 'The text contains characters that cannot be stored (such as NUL); remove them and try again.',
  },
  WEBHOOK_ADDRESS_FORBIDDEN: {
    zh: '回调地址必须指向公网地址，不能是本机、内网或保留地址。',
    en: 'The webhook must point to a public address, not a loopback, private or reserved one.',
  },
  API_KEY_REQUIRED: {
    zh: '通过接口上报需要 Open311 密钥或 API 令牌。',
    en: 'Reporting through the API needs an Open311 key or an API token.',
  },
  REPORTER_CHECK_FAILED: {
    zh: '查询码或手机号码不正确。只有上报人可以评价或退回案件。',
    en: 'The tracking code or phone number is wrong. Only the reporter may rate or send back a case.',
  },
  WEBHOOK_ROBOT_ONLY: {
    zh: '个人订阅只能推送到企业微信或钉钉群机器人；推送到其他系统的回调由管理员按单位或区域创建。',
    en: 'A personal webhook can only post to a WeCom or DingTalk robot; hooks to other systems are created by administrators for a unit or an area.',
  },
  SCORE_WEIGHTS_SUM: {
    zh: '每个综合评分的权重之和必须为 1（例如 0.6 + 0.3 + 0.1）。',
    en: 'The weights of each composite score must add up to 1 (for example 0.6 + 0.3 + 0.1).',
  },
  INSPECTION_CLOSED: {
    zh: '这次检查已经提交或取消，不能再修改。',
    en: 'This inspection has been submitted or cancelled and can no longer be changed.',
  },
  INSPECTION_EMPTY: {
    zh: '还没有任何检查结果，请至少检查一个点位后再提交。',
    en: 'Nothing has been answered yet; inspect at least one point before submitting.',
  },
  PHOTO_REQUIRED: {
    zh: '不合格项必须拍照取证。',
    en: 'A failed item needs a photo as evidence.',
  },
  RECTIFICATION_CASE_OPEN: {
    zh: '案件办结后才能复查销号。',
    en: 'The case must be closed before the re-check can strike the item off.',
  },
  PERSON_ID_INVALID: {
    zh: '证件号码无效，或与出生日期、性别不一致。',
    en: 'The document number is invalid or disagrees with the birth date or gender.',
  },
  PERSON_ID_TAKEN: {
    zh: '该证件号码已登记在档案中。',
    en: 'That document number is already in the archive.',
  },
  PERSON_NOT_RESIDENT: {
    zh: '该人员已迁出或注销。',
    en: 'That person has already moved out or been deregistered.',
  },
  HOUSE_OCCUPIED: {
    zh: '该户室已登记住户，请打开该户添加成员。',
    en: 'A household already lives in that flat; open it to add members.',
  },
  HOUSE_TAKEN: {
    zh: '该楼栋已有相同单元和房号的户室。',
    en: 'That building already has this unit and room.',
  },
  HOUSEHOLD_HAS_HEAD: {
    zh: '该户已有户主，请选择其他与户主关系。',
    en: 'The household already has a head; choose another relation.',
  },
  PERSON_SAME_HOUSEHOLD: { zh: '该人员已在本户。', en: 'That person already lives in this household.' },
  TAG_NAME_TAKEN: { zh: '已有同名标签。', en: 'A tag with that name already exists.' },
  TAG_LOCKED: {
    zh: '系统预置标签和自动计算的标签不能停用或改中文名，敏感标签的敏感属性不能取消。',
    en: 'Seeded and derived tags cannot be retired or renamed in Chinese, and the sensitive groups stay sensitive.',
  },
  IMPORT_FILE_INVALID: {
    zh: '无法读取导入文件，请使用下载的 .xlsx 模板。',
    en: 'The import file cannot be read; use the downloaded .xlsx template.',
  },
  VISIT_REPLY_EARLY: {
    zh: '该诉求转成的案件尚未办结，办结后再回复居民。',
    en: 'The case this need became is not handled yet; reply to the resident once it is.',
  },
  PUBLIC_URL_UNSET: {
    zh: '未设置 PUBLIC_URL（平台对外访问地址），无法生成门牌二维码，请联系管理员设置后重试。',
    en: 'PUBLIC_URL (the address people reach the platform at) is not set, so door-plate QR codes cannot be made; ask an administrator to set it.',
  },
  TICKET_TAKEN: {
    zh: '该 12345 工单号已登记为另一件案件，请勿重复登记。',
    en: 'That 12345 ticket number is already registered as another case.',
  },
  DEVICE_SIGNATURE_INVALID: {
    zh: '设备签名无效：缺少签名、签名错误、时间戳超出允许范围或设备已停用。',
    en: 'The device signature is not valid: missing, wrong, outside the time window, or the device is retired.',
  },
  DEVICE_REPLAY: {
    zh: '该设备请求已处理过（随机数重复），拒绝重放。',
    en: 'This device request was already received (nonce seen before); replays are refused.',
  },
  DEVICE_IMAGE_REFUSED: {
    zh: '设备数据中不得包含图像、人脸或生物特征数据，只接受人员识别码和时间。',
    en: 'Device data must not contain images, faces or biometric templates; send only the person reference and time.',
  },
  CARE_ALREADY_WATCHED: {
    zh: '此人已在关爱守护名单中。',
    en: 'This person is already watched.',
  },
  CARE_ALERT_CLOSED: {
    zh: '这条关爱预警已经处置完毕。',
    en: 'This care alert is already closed.',
  },
  CHECKIN_CARD_PUBLIC_URL_UNSET: {
    zh: '未设置 PUBLIC_URL（平台对外访问地址），无法生成签到卡二维码，请联系管理员设置后重试。',
    en: 'PUBLIC_URL (the address people reach the platform at) is not set, so check-in card QR codes cannot be made; ask an administrator to set it.',
  },
  CARE_ROSTER_NOT_ELIGIBLE: {
    zh: '此人不能担任该区域的关爱联系人或值班人员：账号已停用，或在该区域没有关爱守护权限。',
    en: 'This person cannot be named for this area: the account is disabled or has no care-watch role over the area.',
  },
  CARE_ROSTER_DUPLICATE: {
    zh: '此人已按相同日期登记在该区域的名单中。',
    en: 'This person is already on the area’s roster for the same days.',
  },
  POINT_TYPE_NAME_TAKEN: {
    zh: '已有同名的点位类型，请换一个名称。',
    en: 'A point type with this name already exists; choose another name.',
  },
  FIVE_STAR_WRONG_STATE: {
    zh: '该五星支部申报当前所处环节不能进行此操作，请刷新后重试。',
    en: 'This five-star assessment is not at a step that allows this; reload and try again.',
  },
  FIVE_STAR_PREREQUISITE: {
    zh: '未评定“支部过硬”星的支部不能评定其他星。',
    en: 'A branch without the “strong branch” star cannot be awarded any other star.',
  },
  FIVE_STAR_NOT_EARNED: {
    zh: '所选星的评定项目未全部达标（或有一票否决项），不能评定该星。',
    en: 'Not every item of the chosen star is met (or a veto item failed), so the star cannot be awarded.',
  },
  VOLUNTEER_NOT_LINKED: {
    zh: '您的账号尚未关联志愿者档案，请联系社区工作人员。',
    en: 'Your account is not linked to a volunteer record; ask your community office.',
  },
  ACTIVITY_FULL: { zh: '活动名额已满。', en: 'The activity is full.' },
  VOLUNTEER_QR_INVALID: {
    zh: '签到码无效或已过期，请扫描现场最新的二维码。',
    en: 'The sign-in code is invalid or has expired; scan the current QR code at the place.',
  },
  VOLUNTEER_TOO_FAR: {
    zh: '您不在活动地点附近，无法签到或签退。',
    en: 'You are not near the activity’s place, so you cannot sign in or out.',
  },
  VOLUNTEER_NOT_SIGNED_IN: {
    zh: '请先在活动现场扫码签到，再上传活动照片。',
    en: 'Sign in at the activity’s place first; then you can add photos.',
  },
  ACTIVITY_PHOTOS_CLOSED: {
    zh: '活动结束已超过两天，请联系组织者补充照片。',
    en: 'The activity ended more than two days ago; ask its organiser to add photos.',
  },
  ACTIVITY_OUTSIDE_DISTRICT: {
    zh: '活动地点不在本区的网格内，请在地图上重新选点。',
    en: 'The activity’s place is not inside a grid of the district; pick it on the map again.',
  },
  POINTS_INSUFFICIENT: { zh: '积分不足。', en: 'Not enough points.' },
  STOCK_INSUFFICIENT: { zh: '物品库存不足。', en: 'Not enough of these goods in stock.' },
  INTERNAL: { zh: '服务器出错了，请稍后再试。', en: 'Something went wrong on the server; try again later.' },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The shape of every error body the API returns. */
export interface ApiErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

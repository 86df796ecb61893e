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
  INTERNAL: { zh: '服务器出错了，请稍后再试。', en: 'Something went wrong on the server; try again later.' },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The shape of every error body the API returns. */
export interface ApiErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

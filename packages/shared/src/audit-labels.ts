/**
 * Every action and record kind the audit log holds, with the words the audit page shows for them. The server's
 * `writeAudit` takes only these codes, so a new audited change cannot reach the page as a bare code: adding
 * one means naming it here, in both languages.
 */
interface Words {
  zh: string;
  en: string;
}

export const AUDIT_ACTIONS = {
  'archive_tag.create': { zh: '新建人员标签', en: 'Create archive tag' },
  'archive_tag.update': { zh: '修改人员标签', en: 'Update archive tag' },
  'calendar.hours.set': { zh: '修改上班时段', en: 'Set working hours' },
  'calendar.override.set': { zh: '调整工作日历', en: 'Change working calendar' },
  'calendar.override.delete': { zh: '恢复工作日历默认', en: 'Restore calendar default' },
  'care.checkin_card': { zh: '打印打卡卡片', en: 'Print check-in card' },
  'care.checkin_link': { zh: '生成打卡链接', en: 'Issue check-in link' },
  'care.enrol': { zh: '纳入关爱守护', en: 'Enrol in care watch' },
  'care.seen': { zh: '标记已见到', en: 'Mark seen' },
  'care.called': { zh: '标记已电话联系', en: 'Mark called' },
  'care.change': { zh: '修改关爱守护', en: 'Change care watch' },
  'care.end': { zh: '结束关爱守护', en: 'End care watch' },
  'care.outcome': { zh: '记录告警处置结果', en: 'Record alert outcome' },
  'care.roster.add': { zh: '添加关爱联系人或值班', en: 'Add to care roster' },
  'care.roster.remove': { zh: '移出关爱联系人或值班', en: 'Remove from care roster' },
  'care.sightings.view': { zh: '查看出行记录', en: 'View sightings' },
  'care_device.register': { zh: '登记感知设备', en: 'Register device' },
  'care_device.update': { zh: '修改感知设备', en: 'Update device' },
  'care_device.retire': { zh: '停用感知设备', en: 'Retire device' },
  'care_device.ref_add': { zh: '登记设备人员编号', en: 'Add device person reference' },
  'care_device.ref_remove': { zh: '删除设备人员编号', en: 'Remove device person reference' },
  'category.create': { zh: '新建事项分类', en: 'Create category' },
  'category.update': { zh: '修改事项分类', en: 'Update category' },
  'demo.seed': { zh: '生成演示数据', en: 'Seed demo data' },
  'directory.create': { zh: '新建便民服务条目', en: 'Create directory entry' },
  'directory.update': { zh: '修改便民服务条目', en: 'Update directory entry' },
  'directory.delete': { zh: '删除便民服务条目', en: 'Delete directory entry' },
  'building.create': { zh: '新建楼栋', en: 'Create building' },
  'building.update': { zh: '修改楼栋', en: 'Update building' },
  'five_star.standard.save': { zh: '保存五星支部标准', en: 'Save five-star standard' },
  'grant.create': { zh: '添加授权', en: 'Add grant' },
  'grant.delete': { zh: '撤销授权', en: 'Revoke grant' },
  'house.create': { zh: '新建户室', en: 'Create flat' },
  'household.create': { zh: '新建家庭户', en: 'Create household' },
  'inspection.point_type.create': { zh: '新建点位类型', en: 'Create point type' },
  'inspection.point_type.update': { zh: '修改点位类型', en: 'Update point type' },
  'inspection_point.create': { zh: '新建检查点位', en: 'Create inspection point' },
  'inspection_point.update': { zh: '修改检查点位', en: 'Update inspection point' },
  'open311_key.create': { zh: '创建 Open311 密钥', en: 'Create Open311 key' },
  'open311_key.revoke': { zh: '吊销 Open311 密钥', en: 'Revoke Open311 key' },
  'org.create': { zh: '新建组织节点', en: 'Create org node' },
  'org.update': { zh: '修改组织节点', en: 'Update org node' },
  'org.import': { zh: '导入边界', en: 'Import boundaries' },
  'people.import': { zh: '导入人口档案', en: 'Import residents' },
  'person.update': { zh: '修改居民信息', en: 'Update resident' },
  'person.move_in': { zh: '迁入', en: 'Move in' },
  'person.transfer': { zh: '转户', en: 'Transfer to another household' },
  'person.return': { zh: '迁回', en: 'Move back' },
  'person.move_out': { zh: '迁出', en: 'Move out' },
  'person.deceased': { zh: '死亡注销', en: 'Record death' },
  photo_public_approve: { zh: '公开案件照片', en: 'Publish case photo' },
  photo_public_withdraw: { zh: '撤回公开照片', en: 'Withdraw case photo' },
  'personal.reveal': { zh: '查看个人信息', en: 'Reveal personal data' },
  'score.settings': { zh: '修改评分设置', en: 'Change score settings' },
  'settings.update': { zh: '修改系统设置', en: 'Change settings' },
  'token.create': { zh: '创建 API 令牌', en: 'Create API token' },
  'token.revoke': { zh: '吊销 API 令牌', en: 'Revoke API token' },
  'unit.create': { zh: '新建单位', en: 'Create unit' },
  'unit.update': { zh: '修改单位', en: 'Update unit' },
  'user.create': { zh: '新建用户', en: 'Create user' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.update+password': { zh: '修改用户（含密码）', en: 'Update user (password changed)' },
  'user.public_phone': { zh: '修改对外电话', en: 'Set public phone' },
  'visit.record': { zh: '记录走访', en: 'Record visit' },
  'visit.reply': { zh: '答复走访诉求', en: 'Reply to visit need' },
  'volunteer.create': { zh: '登记志愿者', en: 'Register volunteer' },
  'volunteer.stage': { zh: '变更志愿者阶段', en: 'Change volunteer stage' },
  'volunteer.honour': { zh: '记录荣誉', en: 'Record honour' },
  'volunteer.config': { zh: '修改志愿积分设置', en: 'Change volunteer settings' },
  'volunteer.team.create': { zh: '新建志愿服务队', en: 'Create volunteer team' },
  'volunteer.activity.create': { zh: '新建志愿活动', en: 'Create activity' },
  'volunteer.activity.photos': { zh: '上传活动照片', en: 'Add activity photos' },
  'volunteer.activity.verify': { zh: '核定服务时长', en: 'Verify service hours' },
  'volunteer.goods.create': { zh: '新增爱心超市物品', en: 'Add goods' },
  'volunteer.redeem': { zh: '积分兑换', en: 'Redeem points' },
  'webhook.create': { zh: '新建 Webhook', en: 'Create webhook' },
  'webhook.delete': { zh: '删除 Webhook', en: 'Delete webhook' },
} as const satisfies Record<string, Words>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ENTITIES = {
  archive_tag: { zh: '人员标签', en: 'Archive tag' },
  building: { zh: '楼栋', en: 'Building' },
  calendar_override: { zh: '工作日历', en: 'Working calendar' },
  care_device: { zh: '感知设备', en: 'Device' },
  care_roster: { zh: '关爱联系人与值班', en: 'Care roster' },
  case: { zh: '案件', en: 'Case' },
  case_photo: { zh: '案件照片', en: 'Case photo' },
  category: { zh: '事项分类', en: 'Category' },
  directory_entry: { zh: '便民服务', en: 'Directory entry' },
  district: { zh: '行政区', en: 'District' },
  five_star_standard: { zh: '五星支部标准', en: 'Five-star standard' },
  house: { zh: '户室', en: 'Flat' },
  household: { zh: '家庭户', en: 'Household' },
  import_job: { zh: '导入任务', en: 'Import job' },
  inspection_point: { zh: '检查点位', en: 'Inspection point' },
  inspection_point_type: { zh: '点位类型', en: 'Point type' },
  open311_key: { zh: 'Open311 密钥', en: 'Open311 key' },
  org: { zh: '组织架构', en: 'Organisation' },
  org_node: { zh: '组织节点', en: 'Org node' },
  person: { zh: '居民', en: 'Resident' },
  session: { zh: '会话/令牌', en: 'Session / token' },
  setting: { zh: '系统设置', en: 'Setting' },
  settings: { zh: '系统设置', en: 'Settings' },
  unit: { zh: '责任单位', en: 'Unit' },
  user: { zh: '用户', en: 'User' },
  visit: { zh: '走访', en: 'Visit' },
  visit_need: { zh: '走访诉求', en: 'Visit need' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  volunteer_activity: { zh: '志愿活动', en: 'Volunteer activity' },
  volunteer_goods: { zh: '爱心超市物品', en: 'Goods' },
  volunteer_team: { zh: '志愿服务队', en: 'Volunteer team' },
  webhook: { zh: 'Webhook', en: 'Webhook' },
} as const satisfies Record<string, Words>;

export type AuditEntity = keyof typeof AUDIT_ENTITIES;

const say = (words: Words | undefined, lang: string, code: string) =>
  words ? (lang === 'en-US' ? words.en : words.zh) : code;

/** An audit action in words (a code from before this table, read back from old rows, stays as it is). */
export function auditActionLabel(code: string, lang: string): string {
  return say((AUDIT_ACTIONS as Record<string, Words>)[code], lang, code);
}

/** A kind of audited record in words. */
export function auditEntityLabel(code: string, lang: string): string {
  return say((AUDIT_ENTITIES as Record<string, Words>)[code], lang, code);
}

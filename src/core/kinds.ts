// The import/export kinds of SPEC 8: canonical columns in order, and per-kind Chinese header
// aliases (SPEC 8 and 11.10: the same Chinese word may mean different columns per kind).

export const ROSTER_KINDS = ['orgs', 'volunteers', 'teams', 'members', 'activities'] as const;
export const LOG_KINDS = ['service', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments'] as const;
export const KINDS = [...ROSTER_KINDS, ...LOG_KINDS] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export type LogKind = (typeof LOG_KINDS)[number];
export type Kind = (typeof KINDS)[number];

/** The value of records.kind for each log kind. */
export const RECORD_KIND: Record<LogKind, string> = {
  service: 'service', training: 'training', commendations: 'commendation',
  complaints: 'complaint', 'no-shows': 'no_show', adjustments: 'adjustment',
};

export const COLUMNS: Record<Kind, readonly string[]> = {
  orgs: ['id', 'code', 'name', 'parent', 'kind'],
  volunteers: ['id', 'volunteer_no', 'name', 'id_type', 'id_number', 'gender', 'birth_date', 'phone', 'political_status', 'org', 'skills', 'registered_on', 'status', 'left_on', 'disciplined_in'],
  teams: ['id', 'code', 'name', 'org', 'leader', 'founded_on'],
  members: ['id', 'team', 'volunteer_no', 'joined_on', 'left_on'],
  activities: ['id', 'code', 'title', 'org', 'team', 'category', 'location', 'date', 'end_date'],
  service: ['id', 'ref', 'volunteer_no', 'activity', 'date', 'start', 'end', 'hours', 'category', 'role', 'evaluation', 'status', 'entry', 'note'],
  training: ['id', 'volunteer_no', 'date', 'hours', 'topic', 'organiser'],
  commendations: ['id', 'volunteer_no', 'date', 'title', 'level', 'issuer'],
  complaints: ['id', 'volunteer_no', 'date', 'description', 'upheld'],
  'no-shows': ['id', 'volunteer_no', 'date', 'activity'],
  adjustments: ['id', 'volunteer_no', 'date', 'points', 'reason'],
};

/** Columns a log row may also carry so that voids travel (SPEC 11.12). */
export const VOID_COLUMNS = ['status', 'void_reason'] as const;

/** Besides volunteer_no, a log or members sheet may name the person by these (SPEC 11.7). */
export const PERSON_COLUMNS = ['name', 'id_number', 'org'] as const;

const PERSON: Record<string, string> = {
  志愿者编号: 'volunteer_no', 编号: 'volunteer_no', 姓名: 'name', 身份证号: 'id_number', 证件号码: 'id_number',
  身份证号码: 'id_number', 所在支部: 'org', 所属组织: 'org',
};

const COMMON: Record<string, string> = {
  交换编号: 'id', 唯一标识: 'id', ...PERSON,
  日期: 'date', 服务日期: 'date', 活动日期: 'date',
  时长: 'hours', '时长(小时)': 'hours', '时长（小时）': 'hours', 服务时长: 'hours', 小时: 'hours', '培训时长': 'hours',
  作废原因: 'void_reason', 状态: 'status',
};

export const ALIASES: Record<Kind, Record<string, string>> = {
  orgs: { 组织编码: 'code', 编码: 'code', 组织名称: 'name', 名称: 'name', 上级组织: 'parent', 上级组织编码: 'parent', 类型: 'kind', 组织类型: 'kind', 交换编号: 'id' },
  volunteers: {
    交换编号: 'id', 志愿者编号: 'volunteer_no', 编号: 'volunteer_no', 姓名: 'name', 证件类型: 'id_type',
    身份证号: 'id_number', 证件号码: 'id_number', 身份证号码: 'id_number', 性别: 'gender', 出生日期: 'birth_date',
    手机号: 'phone', 联系电话: 'phone', 手机号码: 'phone', 政治面貌: 'political_status', 所在支部: 'org', 所属组织: 'org',
    服务技能: 'skills', 注册日期: 'registered_on', 状态: 'status', 离开日期: 'left_on', 退出日期: 'left_on', 受处分年度: 'disciplined_in',
  },
  teams: { 交换编号: 'id', 服务队编码: 'code', 编码: 'code', 服务队名称: 'name', 名称: 'name', 所属组织: 'org', 所在支部: 'org', 队长: 'leader', 成立日期: 'founded_on' },
  members: { 交换编号: 'id', ...PERSON, 服务队: 'team', 服务队编码: 'team', 加入日期: 'joined_on', 退出日期: 'left_on' },
  activities: {
    交换编号: 'id', 活动编号: 'code', 编码: 'code', 活动名称: 'title', 名称: 'title', 所属组织: 'org', 所在支部: 'org',
    服务队: 'team', 服务队编码: 'team', 服务类别: 'category', 类别: 'category', 地点: 'location', 服务地点: 'location',
    日期: 'date', 活动日期: 'date', 开始日期: 'date', 结束日期: 'end_date',
  },
  service: {
    ...COMMON, 记录编号: 'ref', 外部编号: 'ref', 活动编号: 'activity', 开始时间: 'start', 结束时间: 'end', 服务类别: 'category',
    角色: 'role', 群众评价: 'evaluation', 审核状态: 'status', 录入方式: 'entry', 补录: 'entry', 备注: 'note',
  },
  training: { ...COMMON, 培训内容: 'topic', 主办单位: 'organiser' },
  commendations: { ...COMMON, 荣誉名称: 'title', 级别: 'level', 颁发单位: 'issuer' },
  complaints: { ...COMMON, 投诉内容: 'description', 是否属实: 'upheld' },
  'no-shows': { ...COMMON, 活动编号: 'activity' },
  adjustments: { ...COMMON, 分值: 'points', 积分: 'points', 原因: 'reason' },
};

/** Headers that are ignored everywhere, so that a rejects file re-imports as it is. */
export const IGNORED_HEADERS = ['error', '错误'];

/** The canonical column for a header as written (canonical name, alias, any case/space). */
export function canonicalColumn(kind: Kind, header: string): string | undefined {
  const h = header.trim().replace(/^\uFEFF/, '');
  const lower = h.toLowerCase().replace(/\s+/g, '_');
  if (COLUMNS[kind].includes(lower)) return lower;
  const isLog = LOG_KINDS.includes(kind as LogKind);
  if (isLog && (VOID_COLUMNS as readonly string[]).includes(lower)) return lower;
  if ((isLog || kind === 'members') && (PERSON_COLUMNS as readonly string[]).includes(lower)) return lower;
  return ALIASES[kind][h] ?? ALIASES[kind][h.replace(/\s+/g, '')];
}

export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

// The closed vocabularies of SPEC 3/8: canonical English values, their Chinese names (used in
// tables and accepted on input) and any extra spellings clerks write.

export interface EnumDef {
  readonly values: readonly string[];
  readonly zh: Readonly<Record<string, string>>;
  readonly aliases?: Readonly<Record<string, string>>;
}

export const ENUMS = {
  org_kind: {
    values: ['committee', 'general_branch', 'branch', 'unit'],
    zh: { committee: '党委', general_branch: '党总支', branch: '党支部', unit: '基层单位' },
    aliases: { 单位: 'unit' },
  },
  id_type: {
    values: ['resident_id', 'passport', 'other'],
    zh: { resident_id: '居民身份证', passport: '护照', other: '其他' },
    aliases: { 身份证: 'resident_id' },
  },
  gender: {
    values: ['male', 'female'],
    zh: { male: '男', female: '女' },
    aliases: { m: 'male', f: 'female' },
  },
  political_status: {
    values: ['party_member', 'probationary', 'league_member', 'masses', 'other'],
    zh: { party_member: '中共党员', probationary: '中共预备党员', league_member: '共青团员', masses: '群众', other: '其他' },
    aliases: { 党员: 'party_member', 预备党员: 'probationary', 团员: 'league_member' },
  },
  volunteer_status: {
    values: ['active', 'suspended', 'left'],
    zh: { active: '在册', suspended: '暂停', left: '离开' },
  },
  record_status: {
    values: ['pending', 'approved', 'rejected'],
    zh: { pending: '待审核', approved: '已审核', rejected: '已驳回' },
    aliases: { 已通过: 'approved', 通过: 'approved', 驳回: 'rejected' },
  },
  role: {
    values: ['participant', 'leader'],
    zh: { participant: '参与者', leader: '负责人' },
    aliases: { 队长: 'leader' },
  },
  evaluation: {
    values: ['satisfied', 'fairly_satisfied', 'basically_satisfied', 'dissatisfied'],
    zh: { satisfied: '满意', fairly_satisfied: '比较满意', basically_satisfied: '基本满意', dissatisfied: '不满意' },
  },
  entry: {
    values: ['normal', 'back_entry'],
    zh: { normal: '正常', back_entry: '补录' },
  },
  level: {
    values: ['county', 'city', 'province', 'national'],
    zh: { county: '县级', city: '市级', province: '省级', national: '国家级' },
    aliases: { 区级: 'county', 县: 'county', 市: 'city', 省: 'province', 国家: 'national' },
  },
  yes_no: {
    values: ['yes', 'no'],
    zh: { yes: '是', no: '否' },
    aliases: { true: 'yes', false: 'no', y: 'yes', n: 'no', '1': 'yes', '0': 'no', 属实: 'yes', 不属实: 'no' },
  },
  grade: {
    values: ['excellent', 'good', 'fair', 'poor'],
    zh: { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' },
  },
} as const satisfies Record<string, EnumDef>;

export type EnumName = keyof typeof ENUMS;

/** The canonical value for an English or Chinese spelling, or undefined. Case-insensitive. */
export function parseEnum(name: EnumName, input: string): string | undefined {
  const def: EnumDef = ENUMS[name];
  const s = input.trim();
  const lower = s.toLowerCase().replace(/[\s-]+/g, '_');
  if (def.values.includes(lower)) return lower;
  for (const [value, zh] of Object.entries(def.zh)) if (zh === s) return value;
  const alias = def.aliases?.[s] ?? def.aliases?.[lower];
  return alias;
}

/** The words accepted for an enum, for help and error messages. */
export function enumWords(name: EnumName): string {
  const def: EnumDef = ENUMS[name];
  return def.values.map((v) => `${v} (${def.zh[v]})`).join(', ');
}

/** The localised name of a canonical value for tables. */
export function enumLabel(name: EnumName, value: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return (ENUMS[name] as EnumDef).zh[value] ?? value;
  return value;
}

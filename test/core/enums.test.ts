// The closed vocabularies: English and Chinese spellings in, canonical values out.
import { describe, expect, test } from 'vitest';
import { ENUMS, enumLabel, enumWords, parseEnum, type EnumName } from '../../src/core/enums.js';

describe('parseEnum', () => {
  test('canonical English values, any case, spaces or dashes for underscores', () => {
    expect(parseEnum('political_status', 'party_member')).toBe('party_member');
    expect(parseEnum('political_status', 'Party Member')).toBe('party_member');
    expect(parseEnum('evaluation', 'fairly-satisfied')).toBe('fairly_satisfied');
    expect(parseEnum('org_kind', ' BRANCH ')).toBe('branch');
  });

  test('the Chinese names of SPEC 8', () => {
    const cases: [EnumName, string, string][] = [
      ['political_status', '中共党员', 'party_member'], ['political_status', '中共预备党员', 'probationary'],
      ['political_status', '共青团员', 'league_member'], ['political_status', '群众', 'masses'],
      ['evaluation', '满意', 'satisfied'], ['evaluation', '比较满意', 'fairly_satisfied'],
      ['evaluation', '基本满意', 'basically_satisfied'], ['evaluation', '不满意', 'dissatisfied'],
      ['role', '参与者', 'participant'], ['role', '负责人', 'leader'],
      ['gender', '男', 'male'], ['gender', '女', 'female'],
      ['yes_no', '是', 'yes'], ['yes_no', '否', 'no'],
      ['level', '县级', 'county'], ['level', '市级', 'city'], ['level', '省级', 'province'], ['level', '国家级', 'national'],
      ['org_kind', '党委', 'committee'], ['org_kind', '党总支', 'general_branch'], ['org_kind', '党支部', 'branch'], ['org_kind', '基层单位', 'unit'],
      ['volunteer_status', '在册', 'active'], ['volunteer_status', '暂停', 'suspended'], ['volunteer_status', '离开', 'left'],
      ['record_status', '已审核', 'approved'], ['record_status', '待审核', 'pending'], ['record_status', '已驳回', 'rejected'],
      ['entry', '补录', 'back_entry'], ['entry', '正常', 'normal'],
      ['id_type', '居民身份证', 'resident_id'], ['id_type', '护照', 'passport'], ['id_type', '其他', 'other'],
    ];
    for (const [name, input, value] of cases) expect(parseEnum(name, input), `${name} ${input}`).toBe(value);
  });

  test('extra spellings clerks write', () => {
    expect(parseEnum('political_status', '党员')).toBe('party_member');
    expect(parseEnum('yes_no', '属实')).toBe('yes');
    expect(parseEnum('yes_no', 'true')).toBe('yes');
    expect(parseEnum('gender', 'F')).toBe('female');
  });

  test('anything else is undefined (the caller refuses it)', () => {
    expect(parseEnum('political_status', 'partymember')).toBeUndefined();
    expect(parseEnum('evaluation', 'good')).toBeUndefined();
    expect(parseEnum('role', '')).toBeUndefined();
    expect(parseEnum('level', '街道级')).toBeUndefined();
  });

  test('every canonical value and Chinese name round-trips', () => {
    for (const name of Object.keys(ENUMS) as EnumName[]) {
      for (const v of ENUMS[name].values) {
        expect(parseEnum(name, v)).toBe(v);
        expect(parseEnum(name, enumLabel(name, v, 'zh'))).toBe(v);
      }
    }
  });
});

describe('labels and help words', () => {
  test('tables in Chinese show the Chinese name; English shows the value', () => {
    expect(enumLabel('political_status', 'probationary', 'zh')).toBe('中共预备党员');
    expect(enumLabel('political_status', 'probationary', 'en')).toBe('probationary');
    expect(enumLabel('political_status', 'unknown_value', 'zh')).toBe('unknown_value');
  });

  test('enumWords lists every value with its Chinese name', () => {
    expect(enumWords('role')).toBe('participant (参与者), leader (负责人)');
  });
});

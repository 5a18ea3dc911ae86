// Column definitions (headings in both languages, value types) for each kind's rows, shared by
// list, export and reports.
import { ALIASES, COLUMNS, type Kind } from '../core/kinds.js';
import type { EnumName } from '../core/enums.js';
import type { Column, ColType } from './render.js';

const TYPES: Record<string, { type: ColType; enumName?: EnumName }> = {
  hours: { type: 'hours' }, points: { type: 'points' }, upheld: { type: 'bool' },
  id_number: { type: 'id_number' }, phone: { type: 'phone' },
  political_status: { type: 'enum', enumName: 'political_status' }, gender: { type: 'enum', enumName: 'gender' },
  id_type: { type: 'enum', enumName: 'id_type' }, role: { type: 'enum', enumName: 'role' },
  evaluation: { type: 'enum', enumName: 'evaluation' }, level: { type: 'enum', enumName: 'level' },
  entry: { type: 'enum', enumName: 'entry' }, disciplined_in: { type: 'int' },
};

const ZH_EXTRA: Record<string, string> = { id: '交换编号', status: '状态', void_reason: '作废原因', name: '姓名', kind: '类型' };

function zhHeading(kind: Kind, key: string): string {
  const entry = Object.entries(ALIASES[kind]).find(([, v]) => v === key);
  return entry?.[0] ?? ZH_EXTRA[key] ?? key;
}

export function kindColumns(kind: Kind, extra: string[] = []): Column[] {
  const keys = [...COLUMNS[kind], ...extra.filter((e) => !COLUMNS[kind].includes(e))];
  return keys.map((key) => {
    const t = TYPES[key];
    const col: Column = { key, en: key, zh: zhHeading(kind, key), type: t?.type ?? 'text' };
    if (t?.enumName) col.enumName = t.enumName;
    if (key === 'status' && kind === 'volunteers') { col.type = 'enum'; col.enumName = 'volunteer_status'; }
    if (key === 'kind' && kind === 'orgs') { col.type = 'enum'; col.enumName = 'org_kind'; }
    return col;
  });
}

// The sqlite3 scripts the import is compared with: no validation, only SQLite's own work.
// CSV_FLOOR_SQL: a table shaped like the service CSV with the one `records` index whose
// columns exist in the file, records_day (date, volunteer_no); the id (UNIQUE), ref (partial
// UNIQUE) and batch (partial) indexes of migrations/001_initial.sql have no column there.
// FULL_SHAPE_SQL: into the real `records` table of a roster database, every index and
// foreign key on, with time-ordered ids like our UUIDv7 and one batch row.

const CSV_COLUMNS = ['volunteer_no', 'date', 'start', 'end', 'hours', 'activity', 'category', 'role', 'evaluation', 'status', 'note'];

export const CSV_FLOOR_SQL = `CREATE TABLE records (${CSV_COLUMNS.map((c) => `"${c}" TEXT`).join(', ')});
CREATE INDEX records_day ON records(date, volunteer_no);`;

const minutesOf = (col) => `(CAST(substr(${col}, 1, instr(${col}, ':') - 1) AS INTEGER) * 60 + CAST(substr(${col}, instr(${col}, ':') + 1, 2) AS INTEGER))`;

/** sqlite3 shell input: .import into a temp staging table, then one INSERT…SELECT in a transaction. */
export const FULL_SHAPE_SQL = (file) => `PRAGMA foreign_keys = ON;
PRAGMA temp_store = MEMORY;
.import --csv --schema temp '${file.replaceAll("'", "''")}' staging
BEGIN IMMEDIATE;
INSERT INTO batches (id, kind, file, sha256, operator, created_at)
  VALUES ('00000000-0000-7000-8000-000000000000', 'service', 'service.csv', '-', 'bench', strftime('%Y-%m-%dT%H:%M:%fZ'));
INSERT INTO records (id, kind, volunteer_no, activity, date, start, "end", minutes, category, role, evaluation, status, entry,
  note, batch, recorded_by, recorded_at)
SELECT printf('%08x-%04x-7000-8000-%012x', 1750000000, 1000, rowid), 'service', volunteer_no, nullif(activity, ''), date,
  nullif(start, ''), nullif("end", ''),
  CASE WHEN start <> '' THEN ${minutesOf('"end"')} - ${minutesOf('start')} ELSE CAST(round(hours * 60) AS INTEGER) END,
  nullif(category, ''), coalesce(nullif(role, ''), 'participant'), nullif(evaluation, ''), coalesce(nullif(status, ''), 'approved'),
  'normal', nullif(note, ''), '00000000-0000-7000-8000-000000000000', 'bench', strftime('%Y-%m-%dT%H:%M:%fZ')
FROM temp.staging;
COMMIT;
`;

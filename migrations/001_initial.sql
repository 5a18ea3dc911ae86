-- 001: the whole data model of SPEC 3. Durations in minutes, points in hundredths.
-- Every row that travels between databases has a time-ordered exchange id (UUIDv7)
-- besides its integer rowid key and its human code.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE orgs (
  pk         INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  parent     TEXT REFERENCES orgs(code),
  kind       TEXT NOT NULL CHECK (kind IN ('committee','general_branch','branch','unit')),
  created_at TEXT NOT NULL
);

CREATE TABLE volunteers (
  pk               INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  volunteer_no     TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  id_type          TEXT NOT NULL DEFAULT 'resident_id' CHECK (id_type IN ('resident_id','passport','other')),
  id_number        TEXT UNIQUE,
  gender           TEXT CHECK (gender IN ('male','female')),
  birth_date       TEXT,
  phone            TEXT,
  political_status TEXT NOT NULL CHECK (political_status IN ('party_member','probationary','league_member','masses','other')),
  org              TEXT NOT NULL REFERENCES orgs(code),
  skills           TEXT,
  registered_on    TEXT,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','left')),
  left_on          TEXT,
  disciplined_in   INTEGER,
  created_at       TEXT NOT NULL
);
CREATE INDEX volunteers_org ON volunteers(org);
CREATE INDEX volunteers_name ON volunteers(name);

-- org and political_status keep their history: the value in force on a date is the row
-- with the greatest effective date on or before it ('' = from the beginning).
CREATE TABLE volunteer_history (
  pk           INTEGER PRIMARY KEY,
  volunteer_no TEXT NOT NULL REFERENCES volunteers(volunteer_no),
  field        TEXT NOT NULL CHECK (field IN ('org','political_status')),
  value        TEXT NOT NULL,
  effective    TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX volunteer_history_v ON volunteer_history(volunteer_no, field, effective);

CREATE TABLE teams (
  pk         INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  org        TEXT NOT NULL REFERENCES orgs(code),
  leader     TEXT REFERENCES volunteers(volunteer_no),
  founded_on TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE members (
  pk           INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  team         TEXT NOT NULL REFERENCES teams(code),
  volunteer_no TEXT NOT NULL REFERENCES volunteers(volunteer_no),
  joined_on    TEXT,
  left_on      TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX members_team ON members(team);
CREATE INDEX members_volunteer ON members(volunteer_no);

CREATE TABLE activities (
  pk         INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  code       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  org        TEXT NOT NULL REFERENCES orgs(code),
  team       TEXT REFERENCES teams(code),
  category   TEXT,
  location   TEXT,
  date       TEXT NOT NULL,
  end_date   TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX activities_date ON activities(date);

CREATE TABLE batches (
  pk            INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  file          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_written  INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  operator      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  undone_at     TEXT
);
CREATE INDEX batches_sha ON batches(sha256, kind);

-- Every logged fact, one table: kind says which columns apply. Never deleted or edited in
-- place: a correction voids (voided_at, void_reason) and logs anew; pending service
-- records move forward to approved or rejected.
CREATE TABLE records (
  pk           INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('service','training','commendation','complaint','no_show','adjustment')),
  ref          TEXT,
  volunteer_no TEXT NOT NULL REFERENCES volunteers(volunteer_no),
  activity     TEXT REFERENCES activities(code),
  date         TEXT NOT NULL,
  start        TEXT,
  end          TEXT,
  minutes      INTEGER,
  category     TEXT,
  role         TEXT CHECK (role IN ('participant','leader')),
  evaluation   TEXT CHECK (evaluation IN ('satisfied','fairly_satisfied','basically_satisfied','dissatisfied')),
  status       TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('pending','approved','rejected')),
  status_reason TEXT,
  entry        TEXT NOT NULL DEFAULT 'normal' CHECK (entry IN ('normal','back_entry')),
  note         TEXT,
  topic        TEXT,
  organiser    TEXT,
  title        TEXT,
  level        TEXT CHECK (level IN ('county','city','province','national')),
  issuer       TEXT,
  description  TEXT,
  upheld       INTEGER CHECK (upheld IN (0,1)),
  points       INTEGER,
  reason       TEXT,
  batch        TEXT REFERENCES batches(id),
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  voided_at    TEXT,
  voided_by    TEXT,
  void_reason  TEXT
);
CREATE UNIQUE INDEX records_ref ON records(ref) WHERE ref IS NOT NULL;
CREATE INDEX records_day ON records(date, volunteer_no);
CREATE INDEX records_batch ON records(batch) WHERE batch IS NOT NULL;

CREATE TABLE rules (
  pk         INTEGER PRIMARY KEY,
  from_year  INTEGER NOT NULL,
  document   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  operator   TEXT NOT NULL
);

CREATE TABLE certificates (
  pk           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE,
  volunteer_no TEXT NOT NULL REFERENCES volunteers(volunteer_no),
  period_from  TEXT NOT NULL,
  period_to    TEXT NOT NULL,
  minutes      INTEGER NOT NULL,
  issuer       TEXT NOT NULL REFERENCES orgs(code),
  issued_on    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (volunteer_no, period_from, period_to)
);

CREATE TABLE audit (
  pk        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  operator  TEXT NOT NULL,
  command   TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  change    TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);

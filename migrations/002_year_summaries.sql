-- 002: a cache of each year's computed figures (rank, score, report awards/assessment), so a
-- year of a million records is not re-read and re-scored by every report. Derived data only:
-- wiping it is always safe, the next report computes and stores it again.
--
-- `key` says what the figures were computed from (format version, max(pk) of records, the
-- rules document in force); a report uses a row only when its key is the current one. New
-- records change max(pk) (our code never inserts a record with an explicit pk), so inserts
-- need no trigger (a per-row trigger would slow a million-row import); every other change to
-- records or rules wipes the cache here.
CREATE TABLE year_summaries (
  year       INTEGER PRIMARY KEY,
  key        TEXT NOT NULL,
  volunteers TEXT NOT NULL,
  activities TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TRIGGER year_summaries_records_update AFTER UPDATE ON records
BEGIN DELETE FROM year_summaries; END;
CREATE TRIGGER year_summaries_records_delete AFTER DELETE ON records
BEGIN DELETE FROM year_summaries; END;
CREATE TRIGGER year_summaries_rules_insert AFTER INSERT ON rules
BEGIN DELETE FROM year_summaries; END;
CREATE TRIGGER year_summaries_rules_update AFTER UPDATE ON rules
BEGIN DELETE FROM year_summaries; END;
CREATE TRIGGER year_summaries_rules_delete AFTER DELETE ON rules
BEGIN DELETE FROM year_summaries; END;

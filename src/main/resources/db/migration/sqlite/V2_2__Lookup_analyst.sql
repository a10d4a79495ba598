-- Schema 2.2: who made each lookup (the analyst's name and the host it ran on); NULL for older lookups.
ALTER TABLE lookups ADD COLUMN analyst TEXT;
ALTER TABLE lookups ADD COLUMN host TEXT;
CREATE INDEX lookups_analyst ON lookups (analyst, finished_ms);

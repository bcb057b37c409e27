/**
 * The end-of-test consistency check: a SQLite file (a test server's, running or stopped) must pass `db:check`, i.e.
 * every document's update log replays to exactly its annotation and tag rows. Hostile tests call this last, so an
 * attack that leaves rows and log apart fails the test even when every other assertion held.
 */
import { checkDatabase, formatCheckReport, openDatabaseForCheck, type CheckReport } from '../../db/check.ts';

/** Runs the check on `dbPath` (opened read-only) and throws with the readable report unless it is clean. */
export function expectDatabaseConsistent(dbPath: string): CheckReport {
  const db = openDatabaseForCheck(dbPath);
  let report: CheckReport;
  try {
    report = checkDatabase(db);
  } finally {
    db.$client.close();
  }
  if (!report.ok) throw new Error(`db:check found problems in ${dbPath}:\n${formatCheckReport(report)}`);
  return report;
}

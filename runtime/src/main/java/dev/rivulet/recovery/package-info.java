/**
 * Recovery in SQLite: {@link dev.rivulet.recovery.SqliteRecoveryConfig} (made by
 * {@code RecoveryConfig.sqlite(dir)}) keeps one SQLite file per worker with the snapshots of
 * keyed state, input positions and sink positions at every epoch close, and the progress of
 * every execution, so a re-run with the same directory resumes where the last completed epoch
 * ended.
 */
package dev.rivulet.recovery;

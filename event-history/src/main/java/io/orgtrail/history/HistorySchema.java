package io.orgtrail.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQLite schema. Every lookup is an index range scan that already yields rows newest first: each attribute
 * has an index {@code (attribute, event_time)} for the platform and {@code (account, attribute, event_time)} for
 * a member; SQLite appends the rowid to every index entry, which gives the stable tiebreak (eventTime desc, rowid
 * desc) for free. Resources are one-to-many, so their types and names live in their own tables (one row per
 * distinct value per event) keyed the same way. The record JSON sits in its own table so that the events table
 * stays small and dense.
 */
final class HistorySchema {
  static final int VERSION = 1;

  /** Lookup attribute -> events column, for the attributes stored on the events row. */
  static String column(AttributeKey key) {
    return switch (key) {
      case EVENT_ID -> "event_id";
      case EVENT_NAME -> "event_name";
      case READ_ONLY -> "read_only";
      case USERNAME -> "username";
      case EVENT_SOURCE -> "event_source";
      case ACCESS_KEY_ID -> "access_key_id";
      case RESOURCE_TYPE, RESOURCE_NAME -> throw new IllegalArgumentException(key + " is not an events column");
    };
  }

  static final List<String> INDEXED_COLUMNS =
      List.of("event_name", "read_only", "username", "event_source", "access_key_id");

  private HistorySchema() {}

  static void apply(Connection c) throws SQLException {
    List<String> ddl = new ArrayList<>();
    ddl.add("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)");
    ddl.add("CREATE TABLE IF NOT EXISTS events ("
        + " id INTEGER PRIMARY KEY,"
        + " event_id TEXT NOT NULL,"
        + " account TEXT NOT NULL,"
        + " event_time INTEGER NOT NULL,"
        + " event_name TEXT, event_source TEXT, read_only TEXT, username TEXT, access_key_id TEXT,"
        + " resources TEXT)");
    ddl.add("CREATE TABLE IF NOT EXISTS event_records (id INTEGER PRIMARY KEY, record TEXT NOT NULL)");
    ddl.add("CREATE UNIQUE INDEX IF NOT EXISTS events_by_event_id ON events (event_id)");
    ddl.add("CREATE INDEX IF NOT EXISTS events_by_time ON events (event_time)");
    ddl.add("CREATE INDEX IF NOT EXISTS events_by_account_time ON events (account, event_time)");
    for (String col : INDEXED_COLUMNS) {
      ddl.add("CREATE INDEX IF NOT EXISTS events_by_" + col + " ON events (" + col + ", event_time)");
      ddl.add("CREATE INDEX IF NOT EXISTS events_by_account_" + col + " ON events (account, " + col + ", event_time)");
    }
    for (String table : List.of("resource_types", "resource_names")) {
      ddl.add("CREATE TABLE IF NOT EXISTS " + table + " ("
          + " value TEXT NOT NULL, event_time INTEGER NOT NULL, event_rowid INTEGER NOT NULL, account TEXT NOT NULL,"
          + " PRIMARY KEY (value, event_time, event_rowid)) WITHOUT ROWID");
      ddl.add("CREATE INDEX IF NOT EXISTS " + table + "_by_account ON " + table
          + " (account, value, event_time, event_rowid)");
      ddl.add("CREATE INDEX IF NOT EXISTS " + table + "_by_time ON " + table + " (event_time)");
    }
    ddl.add("CREATE TABLE IF NOT EXISTS indexed_files ("
        + " object_key TEXT PRIMARY KEY, indexed_at INTEGER NOT NULL, events_added INTEGER NOT NULL) WITHOUT ROWID");
    ddl.add("CREATE INDEX IF NOT EXISTS indexed_files_by_time ON indexed_files (indexed_at)");
    try (Statement s = c.createStatement()) {
      for (String sql : ddl) {
        s.executeUpdate(sql);
      }
      try (var rs = s.executeQuery("SELECT version FROM schema_info")) {
        if (!rs.next()) {
          s.executeUpdate("INSERT INTO schema_info (version) VALUES (" + VERSION + ")");
        } else if (rs.getInt(1) != VERSION) {
          throw new SQLException("the event history database has schema version " + rs.getInt(1)
              + " but this orgtrail reads version " + VERSION + "; delete it and rebuild it from the bucket");
        }
      }
    }
  }
}

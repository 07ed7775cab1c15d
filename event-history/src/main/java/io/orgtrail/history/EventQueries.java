package io.orgtrail.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link ValidatedLookup}: finds the page's row ids with one index range scan per account in scope (each
 * already newest first, merged here), then reads those rows.
 */
final class EventQueries {
  private static final Comparator<PageCursor> NEWEST_FIRST =
      Comparator.comparingLong(PageCursor::eventTime).thenComparingLong(PageCursor::rowId).reversed();
  private static final TypeReference<List<List<String>>> RESOURCE_LIST = new TypeReference<>() {};

  private final ObjectMapper json;

  EventQueries(ObjectMapper json) {
    this.json = json;
  }

  LookupPage run(Connection c, ValidatedLookup q) throws SQLException {
    List<PageCursor> hits = new ArrayList<>();
    int limit = q.maxResults() + 1;
    if (q.key() == AttributeKey.EVENT_ID) {
      hits.addAll(byEventId(c, q));
    } else if (q.scope().isAll()) {
      hits.addAll(scan(c, q, null, limit));
    } else {
      for (String account : q.scope().accountIds().orElseThrow()) {
        hits.addAll(scan(c, q, account, limit));
      }
      hits.sort(NEWEST_FIRST);
    }
    boolean more = hits.size() > q.maxResults();
    List<PageCursor> page = hits.subList(0, Math.min(hits.size(), q.maxResults()));
    List<HistoryEvent> events = fetch(c, page);
    return new LookupPage(events,
        more ? java.util.Optional.of(NextTokens.encode(page.get(page.size() - 1), q.filterHash()))
            : java.util.Optional.empty());
  }

  private List<PageCursor> scan(Connection c, ValidatedLookup q, String account, int limit) throws SQLException {
    String table, rowId, valueColumn, index;
    if (q.key() == AttributeKey.RESOURCE_TYPE || q.key() == AttributeKey.RESOURCE_NAME) {
      table = q.key() == AttributeKey.RESOURCE_TYPE ? "resource_types" : "resource_names";
      rowId = "event_rowid";
      valueColumn = "value";
      // The platform's scan runs on the table's own primary key (value, event_time, event_rowid).
      index = account == null ? null : table + "_by_account";
    } else {
      table = "events";
      rowId = "id";
      valueColumn = q.key() == null ? null : HistorySchema.column(q.key());
      index = "events_by_" + (account == null ? "" : "account_") + (valueColumn == null ? "time" : valueColumn);
      if (account != null && valueColumn == null) {
        index = "events_by_account_time";
      }
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(rowId).append(", event_time FROM ").append(table);
    if (index != null) {
      sql.append(" INDEXED BY ").append(index);
    }
    sql.append(" WHERE event_time >= ? AND event_time <= ?");
    if (account != null) {
      sql.append(" AND account = ?");
    }
    if (valueColumn != null) {
      sql.append(" AND ").append(valueColumn).append(" = ?");
    }
    if (q.cursor().isPresent()) {
      sql.append(" AND (event_time < ? OR ").append(rowId).append(" < ?)");
    }
    sql.append(" ORDER BY event_time DESC, ").append(rowId).append(" DESC LIMIT ?");
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = 1;
      s.setLong(i++, q.fromSecond());
      s.setLong(i++, q.toSecond());
      if (account != null) {
        s.setString(i++, account);
      }
      if (valueColumn != null) {
        s.setString(i++, q.value());
      }
      if (q.cursor().isPresent()) {
        s.setLong(i++, q.cursor().get().eventTime());
        s.setLong(i++, q.cursor().get().rowId());
      }
      s.setInt(i, limit);
      List<PageCursor> hits = new ArrayList<>(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          hits.add(new PageCursor(rs.getLong(2), rs.getLong(1)));
        }
      }
      return hits;
    }
  }

  private List<PageCursor> byEventId(Connection c, ValidatedLookup q) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT id, event_time, account FROM events WHERE event_id = ?")) {
      s.setString(1, q.value());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return List.of();
        }
        PageCursor hit = new PageCursor(rs.getLong(2), rs.getLong(1));
        Set<String> accounts = q.scope().accountIds().orElse(null);
        boolean inScope = accounts == null || accounts.contains(rs.getString(3));
        boolean inWindow = hit.eventTime() >= q.fromSecond() && hit.eventTime() <= q.toSecond();
        boolean afterCursor = q.cursor().isEmpty() || NEWEST_FIRST.compare(hit, q.cursor().get()) > 0;
        return inScope && inWindow && afterCursor ? List.of(hit) : List.of();
      }
    }
  }

  private List<HistoryEvent> fetch(Connection c, List<PageCursor> page) throws SQLException {
    if (page.isEmpty()) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder(
        "SELECT e.id, e.account, e.event_id, e.event_time, e.event_name, e.event_source, e.read_only, e.username,"
            + " e.access_key_id, e.resources, r.record FROM events e JOIN event_records r ON r.id = e.id"
            + " WHERE e.id IN (");
    for (int i = 0; i < page.size(); i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    sql.append(')');
    Map<Long, HistoryEvent> byId = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < page.size(); i++) {
        s.setLong(i + 1, page.get(i).rowId());
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          byId.put(rs.getLong(1), new HistoryEvent(rs.getString(2), rs.getString(3), rs.getString(5),
              rs.getString(7), rs.getString(9), Instant.ofEpochSecond(rs.getLong(4)), rs.getString(6),
              rs.getString(8), resources(rs.getString(10)), rs.getString(11)));
        }
      }
    }
    List<HistoryEvent> events = new ArrayList<>(page.size());
    for (PageCursor hit : page) {
      HistoryEvent e = byId.get(hit.rowId());
      if (e != null) {
        events.add(e);
      }
    }
    return events;
  }

  String resourcesColumn(List<HistoryResource> resources) {
    if (resources.isEmpty()) {
      return null;
    }
    List<List<String>> pairs = new ArrayList<>(resources.size());
    for (HistoryResource r : resources) {
      pairs.add(java.util.Arrays.asList(r.resourceType(), r.resourceName()));
    }
    try {
      return json.writeValueAsString(pairs);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a list of strings as JSON", e);
    }
  }

  private List<HistoryResource> resources(String column) throws SQLException {
    if (column == null) {
      return List.of();
    }
    try {
      List<HistoryResource> resources = new ArrayList<>();
      for (List<String> pair : json.readValue(column, RESOURCE_LIST)) {
        resources.add(new HistoryResource(pair.get(0), pair.get(1)));
      }
      return resources;
    } catch (IOException e) {
      throw new SQLException("the stored resources of an event are not valid JSON: " + e.getMessage(), e);
    }
  }
}

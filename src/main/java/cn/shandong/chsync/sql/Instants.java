package cn.shandong.chsync.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** A result column of time read as an Instant, null where the column is. */
public final class Instants {

    private Instants() {
    }

    public static Instant of(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

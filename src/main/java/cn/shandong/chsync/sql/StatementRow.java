package cn.shandong.chsync.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Values bound to a statement's placeholders one after another, from the first (across rows too). */
public final class StatementRow implements Row {

    private final PreparedStatement ps;
    private int next = 1;

    public StatementRow(PreparedStatement ps) {
        this.ps = ps;
    }

    @Override
    public Row text(String value) throws SQLException {
        ps.setString(next, value);
        return advance();
    }

    @Override
    public Row number(long value) throws SQLException {
        ps.setLong(next, value);
        return advance();
    }

    @Override
    public Row decimal(BigDecimal value) throws SQLException {
        ps.setBigDecimal(next, value);
        return advance();
    }

    @Override
    public Row date(LocalDate value) throws SQLException {
        ps.setObject(next, value);
        return advance();
    }

    @Override
    public Row time(LocalDateTime value) throws SQLException {
        ps.setObject(next, value);
        return advance();
    }

    @Override
    public Row flag(boolean value) throws SQLException {
        ps.setBoolean(next, value);
        return advance();
    }

    private Row advance() {
        next++;
        return this;
    }
}

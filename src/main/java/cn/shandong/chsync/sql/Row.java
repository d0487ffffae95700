package cn.shandong.chsync.sql;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One row's values, given column by column in the order the {@link TableRows} names them: bound
 * to a statement's placeholders, or written as a line of a LOAD DATA file.
 */
public interface Row {

    /** A character column; null for NULL. */
    Row text(String value) throws SQLException;

    /** An integer column. */
    Row number(long value) throws SQLException;

    /** A DECIMAL column; null for NULL. */
    Row decimal(BigDecimal value) throws SQLException;

    /** A DATE column; null for NULL. */
    Row date(LocalDate value) throws SQLException;

    /** A DATETIME(3) column, to the millisecond; null for NULL. */
    Row time(LocalDateTime value) throws SQLException;

    /** A BOOLEAN column. */
    Row flag(boolean value) throws SQLException;
}

package cn.shandong.chsync.delivery;

import cn.shandong.chsync.security.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Every statement on delivery_subscription. */
@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = "id, city_code, report, channel, recipient, role, clear_id_numbers, language, "
            + "created_by, created_at";

    private final JdbcTemplate jdbc;

    SubscriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Subscription s) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO delivery_subscription (city_code, report, channel, recipient, role, clear_id_numbers, language,
                        created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, s.cityCode());
            ps.setString(2, s.report().name());
            ps.setString(3, s.channel().name());
            ps.setString(4, s.recipient());
            ps.setString(5, s.role().name());
            ps.setBoolean(6, s.clearIdNumbers());
            ps.setString(7, s.language());
            ps.setString(8, s.createdBy());
            ps.setTimestamp(9, Timestamp.from(s.createdAt()));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public Optional<Subscription> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery_subscription WHERE id = ?", SubscriptionRepository::row, id)
                .stream().findFirst();
    }

    /** All subscriptions, or a city's (city not null). */
    public List<Subscription> list(String city) {
        return city == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM delivery_subscription ORDER BY id", SubscriptionRepository::row)
                : jdbc.query("SELECT " + COLUMNS + " FROM delivery_subscription WHERE city_code = ? ORDER BY id",
                        SubscriptionRepository::row, city);
    }

    public boolean delete(long id) {
        return jdbc.update("DELETE FROM delivery_subscription WHERE id = ?", id) == 1;
    }

    private static Subscription row(ResultSet rs, int i) throws SQLException {
        return new Subscription(rs.getLong("id"), rs.getString("city_code"), Subscription.Report.valueOf(rs.getString("report")),
                Subscription.Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("clear_id_numbers"), rs.getString("language"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}

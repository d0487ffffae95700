package cn.shandong.chsync.ops;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Run history for operators: newest first, filtered by source and status. */
@RestController
@RequestMapping("/api/runs")
class RunsController {

    private static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    RunsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<RunView> list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
                       @RequestParam(defaultValue = "50") int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (source != null) {
            sql.append(" AND source_id = ?");
            args.add(source);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.toUpperCase());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, MAX_LIMIT)));
        return jdbc.query(sql.toString(), RunView::read, args.toArray());
    }

    @GetMapping("/{id}")
    RunView one(@PathVariable long id) {
        return jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE id = ?", RunView::read, id).stream()
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + id));
    }
}

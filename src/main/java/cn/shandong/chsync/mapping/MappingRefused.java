package cn.shandong.chsync.mapping;

import cn.shandong.chsync.mapping.MappingSchema.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping file that cannot be taken: the file, and each key with why. The workbench answers it
 * as 400 and a reload refuses the file with it, the running definition staying.
 */
public class MappingRefused extends RuntimeException {

    private final String file;
    private final List<Problem> problems;

    MappingRefused(String file, List<Problem> problems) {
        super(file + ": " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}

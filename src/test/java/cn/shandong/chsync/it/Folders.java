package cn.shandong.chsync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Folders the tests lay out for a service of their own (a sync.home with its routes and mappings). */
public final class Folders {

    private Folders() {
    }

    /** Copies {@code from} and everything below it into {@code to}, replacing files already there. */
    public static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

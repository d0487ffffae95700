package cn.shandong.chsync.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the directory a MySQL URL names in {@code allowLoadLocalInfileInPath} before the first
 * connection, which the driver refuses while it is missing: {@link BulkInsert} writes its files
 * there. Only the service's own user may read it.
 */
public class LoadDirectory implements EnvironmentPostProcessor {

    private static final Pattern PATH = Pattern.compile("[?&]allowLoadLocalInfileInPath=([^&]+)");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        Path directory = of(url);
        if (directory != null) {
            make(directory);
        }
    }

    /** The directory the URL names, or null. */
    static Path of(String url) {
        if (url == null || !url.startsWith("jdbc:mysql:")) {
            return null;
        }
        Matcher m = PATH.matcher(url);
        return m.find() ? Path.of(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)) : null;
    }

    private static void make(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + directory + ", where the database URL lets LOAD DATA read", e);
        }
    }
}

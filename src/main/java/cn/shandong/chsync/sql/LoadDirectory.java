package cn.shandong.chsync.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the directory a MySQL URL names in {@code allowLoadLocalInfileInPath} before the first
 * connection, which the driver refuses while it is missing: {@link BulkInsert} writes its files
 * there, rows with people's names, and the driver sends whatever file is in it to the server. So
 * the directory must be the service's own: owned by the user it runs as, mode 0700, not a
 * symbolic link. One found otherwise stops the start-up, saying what to fix; one missing is made
 * so. Each file is created anew, exclusively, with a random name, mode 0600 and without
 * following a link ({@link #writeNew}).
 */
public class LoadDirectory implements EnvironmentPostProcessor {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();
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

    static void make(Path directory) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                if (directory.getParent() != null) {
                    Files.createDirectories(directory.getParent());
                }
                if (posix) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(directory);
                }
            }
            String problem = problem(directory, posix);
            if (problem != null) {
                throw new IllegalStateException(directory + " (allowLoadLocalInfileInPath in spring.datasource.url), where the "
                        + "service writes the rows it loads, " + problem + ": the service must own it alone (mkdir -m 0700, as "
                        + "the user the service runs as), or name another directory in the URL");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + directory + ", where the database URL lets LOAD DATA read", e);
        }
    }

    /** What is wrong with the directory as found, or null. */
    static String problem(Path directory, boolean posix) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            return "is a symbolic link";
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return "is not a directory";
        }
        if (!posix) {
            return null;
        }
        UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
        String user = System.getProperty("user.name");
        if (!owner.getName().equals(user)) {
            return "belongs to " + owner.getName() + ", not to " + user + ", the user the service runs as";
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(OWNER_ONLY)) {
            return "has mode " + PosixFilePermissions.toString(mode) + ", not rwx------ (0700)";
        }
        return null;
    }

    /**
     * A new file in the directory holding {@code content}: a random name, created exclusively
     * (never an existing file, never through a link someone put there), readable by the service
     * alone.
     */
    static Path writeNew(Path directory, String table, byte[] content) throws IOException {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        Path file = directory.resolve(table + "-" + java.util.HexFormat.of().formatHex(random) + ".tsv");
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.newByteChannel(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        return file;
    }
}

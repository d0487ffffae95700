package cn.shandong.chsync.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LoadDirectoryTest {

    @Test
    void readsTheDirectoryFromAMysqlUrlAndNothingFromOthers() {
        assertThat(LoadDirectory.of("jdbc:mysql://db:3306/chsync?cachePrepStmts=true&allowLoadLocalInfileInPath=/var/tmp/chsync-load&useSSL=false"))
                .isEqualTo(Path.of("/var/tmp/chsync-load"));
        assertThat(LoadDirectory.of("jdbc:mysql://db:3306/chsync?allowLoadLocalInfileInPath=%2Fsrv%2Fload%20dir"))
                .isEqualTo(Path.of("/srv/load dir"));
        assertThat(LoadDirectory.of("jdbc:mysql://db:3306/chsync?useSSL=false")).isNull();
        assertThat(LoadDirectory.of("jdbc:h2:mem:chsync;MODE=MySQL;allowLoadLocalInfileInPath=/tmp/x")).isNull();
        assertThat(LoadDirectory.of(null)).isNull();
    }

    @Test
    void makesTheDirectoryBeforeTheFirstConnectionReadableByTheServiceAlone(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("load");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.datasource.url", "jdbc:mysql://db:3306/chsync?allowLoadLocalInfileInPath=" + directory)));

        new LoadDirectory().postProcessEnvironment(environment, null);

        assertThat(directory).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryThatIsNotTheServicesAloneStopsTheStartSayingWhy(@TempDir Path temp) throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path real = Files.createDirectory(temp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);

        assertThatThrownBy(() -> LoadDirectory.make(open)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(open + " (allowLoadLocalInfileInPath in spring.datasource.url), where the service writes "
                        + "the rows it loads, has mode rwxr-xr-x, not rwx------ (0700): the service must own it alone");
        assertThatThrownBy(() -> LoadDirectory.make(link)).hasMessageContaining(link + " (allowLoadLocalInfileInPath")
                .hasMessageContaining("is a symbolic link");
        LoadDirectory.make(real);
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused(@TempDir Path temp) throws Exception {
        Path theirs = Files.createDirectory(temp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        java.nio.file.attribute.UserPrincipal nobody;
        try {
            nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(theirs, nobody);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("cannot give a directory to another user here: " + e);
            return;
        }
        assertThatThrownBy(() -> LoadDirectory.make(theirs)).hasMessageContaining("belongs to nobody, not to "
                + System.getProperty("user.name"));
    }

    @Test
    void eachFileIsNewNeverOneFoundThereNorThroughALink(@TempDir Path temp) throws Exception {
        Path directory = Files.createDirectory(temp.resolve("load"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        Path file = LoadDirectory.writeNew(directory, "credit_record", "a\tb\n".getBytes());

        assertThat(file.getParent()).isEqualTo(directory);
        assertThat(file.getFileName().toString()).matches("credit_record-[0-9a-f]{24}\\.tsv");
        assertThat(Files.readString(file)).isEqualTo("a\tb\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LoadDirectory.writeNew(directory, "credit_record", new byte[0])).isNotEqualTo(file);
    }
}

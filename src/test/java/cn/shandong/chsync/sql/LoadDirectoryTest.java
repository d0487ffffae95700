package cn.shandong.chsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
}

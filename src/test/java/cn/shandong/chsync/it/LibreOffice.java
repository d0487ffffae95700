package cn.shandong.chsync.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** LibreOffice headless, where installed (CI installs it): converts a workbook's first sheet to CSV. */
final class LibreOffice {

    private LibreOffice() {
    }

    static boolean available() {
        return executable() != null;
    }

    /** The first sheet of the XLSX as CSV lines (UTF-8, comma-separated). */
    static List<String> toCsv(byte[] xlsx) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lo-");
        try {
            return convert(xlsx, dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> convert(byte[] xlsx, Path dir) throws IOException, InterruptedException {
        Path in = dir.resolve("report.xlsx");
        Files.write(in, xlsx);
        Process process = new ProcessBuilder(executable(), "-env:UserInstallation=file://" + dir.resolve("profile"),
                "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.toString(),
                in.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("lo.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("LibreOffice did not convert within 120 s");
        }
        Path csv = dir.resolve("report.csv");
        if (!Files.exists(csv)) {
            throw new IllegalStateException("LibreOffice made no CSV: " + Files.readString(dir.resolve("lo.log")));
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        return List.of((text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n"));
    }

    private static String executable() {
        for (String name : List.of("libreoffice", "soffice")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}

package cn.shandong.chsync.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shandong.chsync.mapping.PageFormatException;
import cn.shandong.chsync.record.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.EofSensorWatcher;
import org.junit.jupiter.api.Test;

class PageBodyTest {

    private static final long LIMIT = 1 << 20;
    private final PageBody body = new PageBody(LIMIT, 200, Duration.ofMillis(300));

    @Test
    void aPlainGzippedOrDeflatedPageIsReadAsItsDecodedBytes() throws IOException {
        byte[] page = "{\"data\":[{\"xm\":\"李四\"}]}".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertThat(body.read(new ByteArrayInputStream(page), null, System.nanoTime())).isEqualTo(page);
        assertThat(body.read(new ByteArrayInputStream(gzip(page)), "gzip", System.nanoTime())).isEqualTo(page);
        assertThat(body.read(new ByteArrayInputStream(deflate(page)), "deflate", System.nanoTime())).isEqualTo(page);
    }

    @Test
    void aCompressionBombStopsAtTheRatioLongBeforeItInflates() throws IOException {
        // about 100 MB of zeros in about 100 KB: stopped at the first chunks past 200 times
        byte[] bomb = gzip(new byte[100 << 20]);
        Closing stream = new Closing(new ByteArrayInputStream(bomb));

        assertThatThrownBy(() -> body.read(stream, "gzip", System.nanoTime())).isInstanceOfSatisfying(PageFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_COMPRESSION_RATIO));
        assertThat(stream.closed).isTrue();
    }

    @Test
    void anAnswerStoppedEarlyIsAbortedNotReadToItsEndAndOneReadWholeIsClosed() throws IOException {
        // given the HTTP client's stream over an answer that never ends: closing it would read the rest
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        java.util.List<String> ended = new java.util.ArrayList<>();
        EofSensorWatcher watcher = new EofSensorWatcher() {
            @Override
            public boolean eofDetected(InputStream wrapped) {
                ended.add("eof");
                return true;
            }

            @Override
            public boolean streamClosed(InputStream wrapped) {
                // the client would now read the rest, for ever
                ended.add("closed");
                return true;
            }

            @Override
            public boolean streamAbort(InputStream wrapped) {
                ended.add("aborted");
                return true;
            }
        };

        // when the page limit stops the read
        assertThatThrownBy(() -> body.read(new EofSensorInputStream(endless, watcher), null, System.nanoTime()))
                .isInstanceOfSatisfying(PageFormatException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_TOO_LARGE));

        // then the answer was aborted (its connection dropped), never closed
        assertThat(ended).containsExactly("aborted");

        // and an answer read to its end is closed as usual, its connection kept for the next request
        ended.clear();
        body.read(new EofSensorInputStream(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), watcher), null,
                System.nanoTime());
        assertThat(ended).containsExactly("eof");
    }

    @Test
    void anAnswerPastTheLimitStopsAtTheLimitCountedOnDecodedBytes() {
        // under the limit compressed, over it decoded, at a ratio the bound allows
        byte[] text = new byte[(int) LIMIT + 1];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + (i * 7919 % 26));
        }
        assertThatThrownBy(() -> body.read(new ByteArrayInputStream(text), null, System.nanoTime()))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("the page has more than the 1048576 bytes a page may have (read as decoded)");
                });
    }

    @Test
    void aSlowDripStopsAtTheDeadline() {
        InputStream drip = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                b[off] = 'a';
                return 1;
            }
        };
        long started = System.nanoTime();

        assertThatThrownBy(() -> body.read(drip, null, started)).isInstanceOfSatisfying(PageFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.PAGE_TOO_SLOW));
        // the deadline (300 ms) and one read (100 ms) at most
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(bytes);
        }
        return out.toByteArray();
    }

    private static final class Closing extends java.io.FilterInputStream {
        boolean closed;

        Closing(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}

package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.PageFormatException;
import cn.shandong.chsync.record.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * A platform's answer read as a stream, never whole before it is measured: the bytes counted are
 * the decoded ones (after gzip or deflate, which the service undoes itself, not the HTTP client),
 * and the read stops at the first byte past the page limit (PAGE_TOO_LARGE), at a compression
 * ratio past the bound (PAGE_COMPRESSION_RATIO: ten megabytes of gzipped zeros inflate to ten
 * gigabytes), and at the request's deadline (PAGE_TOO_SLOW: the read timeout is per read, so a
 * platform sending a byte every 25 s would otherwise hold the run for ever). The deadline is
 * checked after each read, so it is overrun by one read timeout at most.
 */
final class PageBody {

    private static final int CHUNK = 8192;
    private static final int WIRE_BUFFER = 512;

    private final long maxBytes;
    private final int maxRatio;
    private final Duration deadline;

    PageBody(long maxBytes, int maxRatio, Duration deadline) {
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
        this.deadline = deadline;
    }

    /**
     * The decoded page. The stream is closed whatever happens; an answer not read to its end is
     * aborted, its connection dropped: closing it would read the rest to reuse the connection,
     * and the rest of a compression bomb, a drip or an endless page never comes.
     */
    byte[] read(InputStream raw, String contentEncoding, long startedNanos) throws IOException {
        boolean whole = false;
        Counting wire = new Counting(raw);
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        InputStream decoded = null;
        try {
            decoded = switch (encoding) {
                // small input buffers: the compressed bytes counted are close to those inflated so far,
                // so the ratio is known before the first megabytes come out
                case "gzip", "x-gzip" -> new GZIPInputStream(wire, WIRE_BUFFER);
                case "deflate" -> new InflaterInputStream(wire, new java.util.zip.Inflater(), WIRE_BUFFER);
                case "", "identity" -> wire;
                default -> throw new PageFormatException(ReasonCode.PAGE_MALFORMED,
                        "the answer is encoded as '" + contentEncoding + "', which the service does not read", null);
            };
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            byte[] chunk = new byte[CHUNK];
            long total = 0;
            for (int n; (n = decoded.read(chunk)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new PageFormatException(ReasonCode.PAGE_TOO_LARGE, "the page has more than the " + maxBytes
                            + " bytes a page may have (read as decoded)", head(page));
                }
                if (wire.count > 0 && total > CHUNK * 16L && total / wire.count > maxRatio) {
                    throw new PageFormatException(ReasonCode.PAGE_COMPRESSION_RATIO, wire.count + " compressed bytes inflated "
                            + "to " + total + " and more, past the ratio of " + maxRatio + " a page may have", head(page));
                }
                Duration taken = Duration.ofNanos(System.nanoTime() - startedNanos);
                if (taken.compareTo(deadline) > 0) {
                    throw new PageFormatException(ReasonCode.PAGE_TOO_SLOW, "the answer took more than " + deadline.toSeconds()
                            + " s to arrive (" + total + " bytes by then)", head(page));
                }
                page.write(chunk, 0, n);
            }
            whole = true;
            return page.toByteArray();
        } catch (java.util.zip.ZipException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the answer's " + encoding + " encoding is broken: "
                    + e.getMessage(), null);
        } finally {
            if (!whole && raw instanceof EofSensorInputStream answer) {
                answer.abort();
            }
            // after an abort this closes the decoder alone: the answer is closed already
            (decoded != null ? decoded : raw).close();
        }
    }

    private static String head(ByteArrayOutputStream page) {
        byte[] bytes = page.toByteArray();
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    }

    /** The bytes as they came over the wire, before decoding. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

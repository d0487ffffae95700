package cn.shandong.chsync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The service's own settings (application.yaml, key prefix "sync"); start-up fails on a bad one. */
@Validated
@ConfigurationProperties(prefix = "sync")
public record SyncProperties(
        @NotBlank String home,
        @NotNull Duration sourceLease,
        @NotNull @Valid Validation validation,
        @NotNull @Valid Push push,
        @NotNull @Valid Province province,
        @NotNull @Valid Alerts alerts) {

    /**
     * Folder of the platforms' mapping files, beside routes/ under sync.home. Taken as a plain
     * file-system path: bound as a Path, Spring would resolve "." inside the servlet context.
     */
    public Path mappingsDir() {
        return Path.of(home).toAbsolutePath().normalize().resolve("mappings");
    }

    public record Validation(@NotNull @Positive BigDecimal maxHours, @NotNull LocalDate earliestCompletion,
                             @NotNull @Positive BigDecimal hoursPerCredit, @Min(2000) int lastCreditYear) {
    }

    /**
     * @param breakerFailures failed requests in a row after which no batch is sent for breakerOpen
     */
    public record Push(@Min(1) int batchSize, @Min(1) int workers, @NotNull Duration lease, @Min(1) int maxAttempts,
                       @NotNull Duration backoffBase, @NotNull Duration backoffMax,
                       @Min(1) int breakerFailures, @NotNull Duration breakerOpen) {
    }

    /**
     * When a source is flagged. Stale: no successful run for freshnessFactor times the interval
     * of its cron (never less than freshnessMin). Low volume: the records new to us in the last 24
     * hours are below volumeRatio of the median day of the volumeDays before, when that median is
     * at least volumeMinDaily (a platform that rarely has records is never flagged for it).
     */
    public record Alerts(@Positive double freshnessFactor, @NotNull Duration freshnessMin, @Positive double volumeRatio,
                         @Min(1) int volumeMinDaily, @Min(1) int volumeDays) {
    }

    /** The provincial platform; its base URL (sync.province.base-url) is read per request. */
    public record Province(@NotBlank String baseUrl, @NotBlank String appKey, @NotBlank String appSecret) {
    }
}

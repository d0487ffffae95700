package cn.shandong.chsync.record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The canonical 学时 record every platform's format is mapped to. {@code hours} is what the
 * record counts for: the amount itself in 学时, or converted from 学分.
 */
public record CreditRecord(
        String sourceId,
        String cityCode,
        String sourceRecordId,
        LocalDateTime sourceUpdatedAt,
        String idNumber,
        String name,
        String employerName,
        String employerCode,
        String courseId,
        String courseName,
        Subject subject,
        Kind kind,
        BigDecimal amount,
        Unit unit,
        BigDecimal hours,
        LocalDate completionDate,
        String certificateNo,
        RecordState state) {

    /** Platforms and the provincial bank write local times, Beijing time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** For online study the year is that of the certificate (以取得培训合格证书的时间为准). */
    public int studyYear() {
        return completionDate.getYear();
    }
}

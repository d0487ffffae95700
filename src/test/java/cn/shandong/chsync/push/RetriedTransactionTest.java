package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class RetriedTransactionTest {

    @Test
    void aTransactionRolledBackByADeadlockIsRunAgainUntilItGoesThrough() {
        AtomicInteger runs = new AtomicInteger();

        RetriedTransaction.run(3, () -> {
            if (runs.incrementAndGet() < 3) {
                throw new CannotAcquireLockException("Deadlock found when trying to get lock");
            }
        });

        assertThat(runs).hasValue(3);
    }

    @Test
    void afterTheLastAttemptTheDeadlockIsThrown() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> RetriedTransaction.run(3, () -> {
            runs.incrementAndGet();
            throw new CannotAcquireLockException("Deadlock found when trying to get lock");
        })).isInstanceOf(CannotAcquireLockException.class);

        assertThat(runs).hasValue(3);
    }

    @Test
    void aFailureThatWouldRecurIsThrownAtOnce() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> RetriedTransaction.run(3, () -> {
            runs.incrementAndGet();
            throw new DataIntegrityViolationException("Data too long for column 'message'");
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(runs).hasValue(1);
    }
}

package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyInternerTest {
    private record Cell(String area, long hour) {
    }

    @Test
    void shouldHandOutOneInstancePerKeyAndBuildItOnce() {
        AtomicInteger built = new AtomicInteger();
        KeyInterner<Cell> keys = new KeyInterner<>(c -> {
            built.incrementAndGet();
            return c.area() + "|" + c.hour();
        }, 10);

        String first = keys.of(new Cell(new String("DK2"), 3_600_000L));
        String again = keys.of(new Cell(new String("DK2"), 3_600_000L));

        assertThat(first).isEqualTo("DK2|3600000").isSameAs(again);
        assertThat(built).hasValue(1);
    }

    @Test
    void shouldStayWithinItsLimitAndStillAnswerRightAfterClearing() {
        KeyInterner<Cell> keys = new KeyInterner<>(c -> c.area() + "|" + c.hour(), 3);
        for (long h = 0; h < 10; h++) {
            assertThat(keys.of(new Cell("DK1", h))).isEqualTo("DK1|" + h);
            assertThat(keys.size()).isLessThanOrEqualTo(3);
        }
    }
}

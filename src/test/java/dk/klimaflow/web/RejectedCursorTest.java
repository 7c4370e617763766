package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectedCursorTest {

    @Test
    void shouldApplyOneOffsetToEveryPartitionWithinItsRetainedRange() {
        RejectedCursor c = RejectedCursor.parse("10");
        assertThat(c.startOf(0, 0, 100)).isEqualTo(10);
        assertThat(c.startOf(1, 50, 100)).isEqualTo(50);
        assertThat(c.startOf(2, 0, 5)).isEqualTo(5);
    }

    @Test
    void shouldReadPerPartitionOffsetsAndStartOthersAtTheEarliest() {
        RejectedCursor c = RejectedCursor.parse("0:12, 2:40");
        assertThat(c.startOf(0, 0, 100)).isEqualTo(12);
        assertThat(c.startOf(1, 3, 100)).isEqualTo(3);
        assertThat(c.startOf(2, 0, 100)).isEqualTo(40);
        assertThat(RejectedCursor.format(Map.of(2, 40L, 0, 12L))).isEqualTo("0:12,2:40");
        assertThat(RejectedCursor.start().startOf(4, 7, 9)).isEqualTo(7);
    }

    @Test
    void shouldRejectMalformedOffsets() {
        for (String bad : new String[] {"-1", "abc", "0:1:2", "0:1,0:2", "x:1", "0:-5"}) {
            assertThatThrownBy(() -> RejectedCursor.parse(bad)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.getMessage()).contains("parameter 'offset' = '" + bad + "'"));
        }
    }
}

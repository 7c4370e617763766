package dk.klimaflow.pipeline;

import dk.klimaflow.domain.RegisterSpreader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * A memo of the {@code heat-registers} store for one task: per heat meter (key meterId), the newest reading and the one before
 * it, as read from the store (key {@code meterId|readAt}, value {@link HeatRegisterValue}: kept decoded), kept only for meters whose readings this
 * task wrote in order since the heat-registers processor was initialised. {@link HeatRegisterProcessor} maintains it (and clears
 * it on init: after a restart, an abort or a rebalance the meters take the store path again); intake's plausibility check
 * ({@link HeatNeighbours}) reads it, so the common case, a reading after the newest of its meter, needs no range scan in either
 * processor. One {@link PerTask} per topology hands both processors of a task the same memo.
 */
final class HeatTails {
    /** The newest reading of a meter and the one before it (null: none), as the store's entries read (instant and registers). */
    record Tail(RegisterSpreader.Reading newest, RegisterSpreader.Reading previous) {
    }

    private final Map<String, Tail> byMeter = new HashMap<>();

    Tail remove(String meterId) {
        return byMeter.remove(meterId);
    }

    Tail get(String meterId) {
        return byMeter.get(meterId);
    }

    void put(String meterId, Tail tail) {
        byMeter.put(meterId, tail);
    }

    void clear() {
        byMeter.clear();
    }

    /** The memo of each task of one topology (tasks may move between stream threads: the map is concurrent). */
    static final class PerTask {
        private final Map<TaskId, HeatTails> tasks = new ConcurrentHashMap<>();

        HeatTails of(TaskId task) {
            return tasks.computeIfAbsent(task, t -> new HeatTails());
        }
    }
}

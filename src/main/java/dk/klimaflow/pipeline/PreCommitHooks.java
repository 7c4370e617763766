package dk.klimaflow.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Work a processor must do right before its task commits, run by the task's {@link WriteBehindStore} from the hook Kafka
 * Streams calls before every commit. Input: one hook per task, registered by the processor in {@code init} and removed in
 * {@code close}. Output: the hook runs on the stream thread inside the commit, before the record collector is flushed, so
 * whatever it forwards commits in the same transaction as the input offsets (the order Kafka Streams' own caching stores rely
 * on when they forward at a flush). One instance per topology; tasks move between stream threads, hence the concurrent map.
 */
final class PreCommitHooks {
    private final Map<TaskId, Runnable> hooks = new ConcurrentHashMap<>();

    void register(TaskId task, Runnable hook) {
        hooks.put(task, hook);
    }

    void unregister(TaskId task, Runnable hook) {
        hooks.remove(task, hook);
    }

    void run(TaskId task) {
        Runnable hook = hooks.get(task);
        if (hook != null) {
            hook.run();
        }
    }
}

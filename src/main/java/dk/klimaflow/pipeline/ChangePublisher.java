package dk.klimaflow.pipeline;

import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * When a task's {@link UnpublishedChanges} go out: the window changes that {@link FactorCellProcessor} summed are forwarded to
 * the aggregate-deltas sink (key GRAN|municipality|sector|carrier|windowStart, value {@link WindowDelta}) right before every
 * commit, from the task's {@link PreCommitHooks} hook, so they commit with the input offsets that caused them and the store
 * of unpublished changes is empty at every commit (no changelog). A wall-clock punctuation sends sums restored after a
 * restart while no input arrives, and with {@link CommitPacing} on, another requests a commit while the task is caught up.
 */
final class ChangePublisher {
    private final ProcessorContext<String, WindowDelta> context;
    private final UnpublishedChanges unpublished;
    private final String sink;
    private final PreCommitHooks beforeCommit;
    private final ProcessorNode<?, ?, ?, ?> node;
    private final Runnable hook = this::publishBeforeCommit;

    /** Schedules the punctuations and registers the hook; call from the processor's {@code init}. */
    ChangePublisher(ProcessorContext<String, WindowDelta> context, UnpublishedChanges unpublished, String sink, CommitPacing pacing,
            PreCommitHooks beforeCommit) {
        this.context = context;
        this.unpublished = unpublished;
        this.sink = sink;
        this.beforeCommit = beforeCommit;
        // Wall clock as the stamp: old event times would fall outside the topic's retention.
        Duration commitInterval = Duration.ofMillis(pacing.caughtUpMs());
        context.schedule(commitInterval.multipliedBy(10), PunctuationType.WALL_CLOCK_TIME, now -> unpublished.publish(context, sink, now));
        if (pacing.enabled()) { // caught up: a commit every commit.interval.ms; behind: Kafka Streams' longer interval
            context.schedule(commitInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
                if (!pacing.behind()) {
                    context.commit();
                }
            });
        }
        node = ((InternalProcessorContext<?, ?>) context).currentNode();
        beforeCommit.register(context.taskId(), hook);
    }

    /** Removes the hook; call from the processor's {@code close}. */
    void close() {
        beforeCommit.unregister(context.taskId(), hook);
    }

    /**
     * Forwarding outside {@code process} and {@code punctuate} needs the current node and a record context set, as Kafka
     * Streams' caching stores set them when they forward at a flush.
     */
    private void publishBeforeCommit() {
        if (unpublished.isEmpty()) {
            return;
        }
        InternalProcessorContext<?, ?> internal = (InternalProcessorContext<?, ?>) context;
        ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
        ProcessorRecordContext previousRecord = internal.recordContext();
        long now = context.currentSystemTimeMs();
        internal.setRecordContext(new ProcessorRecordContext(now, -1, -1, null, new RecordHeaders()));
        internal.setCurrentNode(node);
        try {
            unpublished.publish(context, sink, now);
        } finally {
            internal.setCurrentNode(previousNode);
            internal.setRecordContext(previousRecord);
        }
    }
}

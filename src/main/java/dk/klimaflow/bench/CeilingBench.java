package dk.klimaflow.bench;

import dk.klimaflow.config.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's exactly-once ceiling on this machine: a plain consume-produce copy with no processing. Input: the cluster,
 * the record count (one ~100-byte record per interval reading), the number of keys and of copier threads. It preloads the
 * records into a scratch topic with the pipeline inputs' partition count, then copies them with transactional producers
 * (read_committed consumers, sendOffsetsToTransaction, a commit about every 100 ms, lz4) into a second scratch topic, and
 * deletes both. Output: records/s of the copy (first record polled to last commit, so the consumer group join is not counted) and of the preload.
 */
public final class CeilingBench {
    private final BenchCluster cluster;
    private final Progress progress;

    public CeilingBench(BenchCluster cluster, Progress progress) {
        this.cluster = cluster;
        this.progress = progress;
    }

    public Map<String, Object> run(long records, int keys, int threads, long timeoutSeconds) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String in = "klimaflow-bench-ceiling-in-" + id;
        String out = "klimaflow-bench-ceiling-out-" + id;
        int partitions = cluster.partitions(Topics.ELECTRICITY);
        cluster.createTopic(in, partitions);
        cluster.createTopic(out, partitions);
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("records", records);
            figures.put("partitions", partitions);
            figures.put("copierThreads", threads);
            figures.put("preloadRecordsPerSecond", preload(in, records, keys));
            figures.put("recordsPerSecond", copy(in, out, records, threads, id, timeoutSeconds));
            return figures;
        } finally {
            cluster.deleteTopics(List.of(in, out));
        }
    }

    private double preload(String topic, long records, int keys) {
        progress.start("ceiling preload", records);
        long started = System.nanoTime();
        try (Preloader p = new Preloader(cluster.clientProperties(), cluster.registry(), 50)) {
            SplittableRandom random = new SplittableRandom(7);
            byte[][] keyBytes = new byte[Math.min(keys, 1 << 16)][];
            for (int k = 0; k < keyBytes.length; k++) {
                keyBytes[k] = BenchRegister.electricityId(k).getBytes(StandardCharsets.UTF_8);
            }
            for (long i = 0; i < records; i++) {
                byte[] value = new byte[82]; // with the 18-byte key: about 100 bytes per record
                random.nextBytes(value);
                p.send(topic, keyBytes[(int) (i % keyBytes.length)], value);
                progress.update(i);
            }
            p.flush();
        }
        progress.done(records);
        return records / ((System.nanoTime() - started) / 1e9);
    }

    private double copy(String in, String out, long records, int threads, String id, long timeoutSeconds) throws InterruptedException {
        AtomicLong committed = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        progress.start("ceiling EOS copy", records);
        long started = System.nanoTime();
        AtomicLong finished = new AtomicLong();
        AtomicLong firstRecord = new AtomicLong(Long.MAX_VALUE);
        List<Thread> copiers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String txId = "klimaflow-bench-ceiling-" + id + "-" + t;
            Thread copier = new Thread(() -> {
                try {
                    copyLoop(in, out, "klimaflow-bench-ceiling-" + id, txId, records, committed, deadline, firstRecord);
                    finished.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-ceiling-" + t);
            copier.start();
            copiers.add(copier);
        }
        while (copiers.stream().anyMatch(Thread::isAlive)) {
            progress.update(committed.get());
            copiers.get(0).join(200);
        }
        for (Thread c : copiers) {
            c.join();
        }
        progress.done(committed.get());
        if (failure.get() != null) {
            throw new IllegalStateException("ceiling copy failed: " + failure.get().getMessage(), failure.get());
        }
        if (committed.get() < records) {
            throw new BenchFailure("ceiling copy timed out: " + committed.get() + " of " + records + " records copied in " + timeoutSeconds + " s");
        }
        return records / ((finished.get() - Math.min(firstRecord.get(), finished.get() - 1)) / 1e9);
    }

    private void copyLoop(String in, String out, String group, String txId, long records, AtomicLong committed, long deadline,
            AtomicLong firstRecord) {
        Properties c = cluster.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, txId + "-consumer");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Properties p = cluster.clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, txId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(in));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long inTransaction = 0;
            long lastCommit = System.nanoTime();
            while (committed.get() < records && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(20));
                if (!batch.isEmpty()) {
                    firstRecord.accumulateAndGet(System.nanoTime(), Math::min);
                }
                if (!batch.isEmpty() && inTransaction == 0 && offsets.isEmpty()) {
                    producer.beginTransaction();
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    inTransaction++;
                }
                if (!offsets.isEmpty() && System.nanoTime() - lastCommit >= 100_000_000L) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    committed.addAndGet(inTransaction);
                    offsets.clear();
                    inTransaction = 0;
                    lastCommit = System.nanoTime();
                }
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                committed.addAndGet(inTransaction);
            }
        }
    }
}

package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB memory for the whole process: every store instance (all stores, partitions and segments) shares one block
 * cache and one write-buffer manager that charges memtables to that cache, sized by klimaflow.rocksdb.cache.bytes and
 * klimaflow.rocksdb.write.buffer.bytes. Without it each store instance takes its own 50 MB cache and 3 x 16 MB memtables.
 * The memtable budget must leave room for every store instance's open memtable: when the write-buffer manager is always near
 * its limit it flushes a few-kilobyte memtable on nearly every write, L0 fills with tiny files and RocksDB stalls writes
 * (measured: the demo fell to 12-100 records/s with 31,169 SST files in one store after four minutes). Small arena blocks
 * keep an idle store's memtable cheap, and small memtables ({@link #MEMTABLES_IN_BUDGET}) flush by size before the budget
 * forces anyone to.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
    /**
     * Memtables that fit the budget at once. The write-buffer manager makes whichever store writes next flush its own memtable
     * once all memtables together pass 7/8 of the budget, however small that memtable is; with 16 MiB memtables and some 40
     * store instances that is nearly always, and each tiny flush is an fsynced file (measured: the 10-million-reading backlog
     * stalled in RocksDB put while the flush thread sat in disk wait). Memtables of budget/64 flush on their own first.
     */
    static final long MEMTABLES_IN_BUDGET = 64;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void initShared(long cacheBytes, long writeBufferBytes) {
        if (cache == null) {
            cache = new LRUCache(cacheBytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long cacheBytes = Long.parseLong(String.valueOf(configs.getOrDefault(KlimaflowConfig.ROCKSDB_CACHE_BYTES, 128L << 20)));
        long writeBytes = Long.parseLong(String.valueOf(configs.getOrDefault(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES, 64L << 20)));
        initShared(cacheBytes, writeBytes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(3);
        options.setWriteBufferSize(Math.min(16L << 20, Math.max(512L << 10, writeBytes / MEMTABLES_IN_BUDGET)));
        options.setArenaBlockSize(64L << 10);
    }

    @Override
    public void close(String storeName, Options options) {
        // the shared cache and write-buffer manager live as long as the process
    }
}

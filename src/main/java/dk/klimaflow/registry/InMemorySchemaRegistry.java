package dk.klimaflow.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for TopologyTestDriver tests and tools that must not need a network (the same role as
 * Confluent's {@code MockSchemaRegistryClient} in their examples). Ids are global and equal for equal schemas, as in a real
 * registry. Integration tests and every runtime path use {@link RestSchemaRegistry} against a real registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final List<Schema> byId = new ArrayList<>();
    private final Map<String, Map<Schema, Integer>> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = byId.indexOf(schema);
        if (id < 0) {
            byId.add(schema);
            id = byId.size() - 1;
        }
        subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id + 1);
        return id + 1;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        Integer id = subjects.getOrDefault(subject, Map.of()).get(schema);
        if (id == null) {
            throw new SchemaRegistryException("schema not registered under subject " + subject, 404, 40403);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > byId.size()) {
            throw new SchemaRegistryException("schema id " + id + " not found", 404, 40403);
        }
        return byId.get(id - 1);
    }
}

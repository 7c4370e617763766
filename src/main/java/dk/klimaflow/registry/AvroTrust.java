package dk.klimaflow.registry;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes from packages it does not trust; this adds klimaflow's generated
 * package (dk.klimaflow.avro) to the trusted set once per JVM, keeping Avro's defaults for everything else.
 */
public final class AvroTrust {
    private static volatile boolean done;

    private AvroTrust() {
    }

    public static void ensure() {
        if (!done) {
            synchronized (AvroTrust.class) {
                if (!done) {
                    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                            c -> c.getName().startsWith("dk.klimaflow.avro.")));
                    done = true;
                }
            }
        }
    }
}

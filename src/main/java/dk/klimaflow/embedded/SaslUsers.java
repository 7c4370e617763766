package dk.klimaflow.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users of an embedded broker that authenticates its clients (SASL/PLAIN on the client listener) and authorizes them
 * with ACLs (KRaft's {@code StandardAuthorizer}, no access without an ACL): a name and password per principal
 * ({@code User:<name>}), one of them the broker's own super user. Output: the broker's listener settings
 * ({@link #brokerSettings()}) and the client settings of each user ({@link #clientSettings}), the ones a production client
 * sets for SASL/SCRAM or PLAIN over TLS, without the TLS.
 */
public record SaslUsers(String superUser, Map<String, String> passwords) {
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    public SaslUsers {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(superUser)) {
            throw new IllegalArgumentException("the super user " + superUser + " needs a password");
        }
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} of {@code user}. */
    public Map<String, String> clientSettings(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user);
        }
        return clientSettings(user, password);
    }

    /** The same for any name and password, known or not (to show that a wrong one is refused). */
    public static Map<String, String> clientSettings(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", PLAIN + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /**
     * The broker side for a client listener named SASL_PLAINTEXT, which is also the inter-broker listener (the broker logs
     * in as the super user); the controller listener stays PLAINTEXT, so its principal {@code User:ANONYMOUS} is a super
     * user too (KRaft's own traffic needs cluster rights; the SASL listener never yields ANONYMOUS).
     */
    Map<String, String> brokerSettings() {
        StringBuilder jaas = new StringBuilder(PLAIN + " required username=\"" + superUser + "\" password=\"" + passwords.get(superUser) + "\"");
        passwords.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
        return p;
    }
}

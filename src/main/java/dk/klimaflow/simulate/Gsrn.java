package dk.klimaflow.simulate;

import java.util.SplittableRandom;

/**
 * GS1 identifiers as used in the Danish electricity market: an 18-digit GSRN for a metering point (prefix 57131310 for the
 * simulated grid area, 9 random digits, GS1 mod-10 check digit) and a 13-digit GLN for a market party.
 */
public final class Gsrn {
    public static final String PREFIX = "57131310";

    private Gsrn() {
    }

    /** A random 18-digit GSRN with prefix {@link #PREFIX} and a valid check digit. */
    public static String random(SplittableRandom random) {
        StringBuilder body = new StringBuilder(PREFIX);
        for (int i = 0; i < 9; i++) {
            body.append((char) ('0' + random.nextInt(10)));
        }
        return body.append(checkDigit(body)).toString();
    }

    /** GS1 check digit: weights 3 and 1 alternating from the rightmost digit of {@code body}. */
    public static int checkDigit(CharSequence body) {
        int sum = 0;
        for (int i = body.length() - 1, w = 3; i >= 0; i--, w = 4 - w) {
            sum += (body.charAt(i) - '0') * w;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when {@code id} is all digits of length 18 (GSRN) or 13 (GLN) with a correct check digit. */
    public static boolean isValid(String id) {
        if (id == null || (id.length() != 18 && id.length() != 13) || !id.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(id.substring(0, id.length() - 1)) == id.charAt(id.length() - 1) - '0';
    }
}

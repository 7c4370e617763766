package dk.klimaflow.simulate;

/** Which district-heating factor the simulator publishes: monthly ACTUAL factors or one annual DECLARATION per year. */
public enum HeatFactorMode {
    MONTHLY_ACTUAL,
    ANNUAL_DECLARATION
}

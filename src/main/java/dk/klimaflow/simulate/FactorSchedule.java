package dk.klimaflow.simulate;

import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * When the simulated publishers send which factor (topic energy.emission-factors, key {@link FactorFeed#key}): DK2 FORECAST
 * for every hour up to {@code forecastLead} ahead of the simulated clock, DK2 ACTUAL for each hour once it is over (the real
 * Energi Data Service DECLARATION instead where the bundled sample covers the hour), and the
 * district-heating factor of a local month (monthly ACTUAL) or year (annual DECLARATION) when its first hour is produced.
 */
final class FactorSchedule {
    private static final Duration HOUR = Duration.ofHours(1);

    private final FactorFeed factors;
    private final Outbox out;
    private final Duration forecastLead;
    private final HeatFactorMode heatMode;
    private final Set<Object> heatSent = new HashSet<>();
    private Instant forecastUntil;

    FactorSchedule(FactorFeed factors, Outbox out, Duration forecastLead, HeatFactorMode heatMode) {
        this.factors = factors;
        this.out = out;
        this.forecastLead = forecastLead;
        this.heatMode = heatMode;
    }

    /** Publishes what is due when the hours [start, end) have been produced and the simulated clock is at {@code end}. */
    void hoursProduced(Instant start, Instant end) {
        if (forecastUntil == null || forecastUntil.isBefore(start)) {
            forecastUntil = start;
        }
        Instant target = end.plus(forecastLead).truncatedTo(ChronoUnit.HOURS);
        for (; forecastUntil.isBefore(target); forecastUntil = forecastUntil.plus(HOUR)) {
            send(factors.electricity(forecastUntil, Edition.FORECAST));
        }
        for (Instant h = start; h.isBefore(end); h = h.plus(HOUR)) {
            Instant hour = h;
            send(factors.declared(hour).orElseGet(() -> factors.electricity(hour, Edition.ACTUAL)));
            YearMonth month = YearMonth.from(h.atZone(LoadProfile.ZONE));
            if (heatMode == HeatFactorMode.MONTHLY_ACTUAL && heatSent.add(month)) {
                send(factors.heatMonthly(month));
            } else if (heatMode == HeatFactorMode.ANNUAL_DECLARATION && heatSent.add(month.getYear())) {
                send(factors.heatDeclaration(month.getYear()));
            }
        }
    }

    private void send(EmissionFactor f) {
        out.send(Topics.EMISSION_FACTORS, FactorFeed.key(f), f);
    }
}

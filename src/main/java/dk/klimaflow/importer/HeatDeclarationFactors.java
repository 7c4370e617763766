package dk.klimaflow.importer;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.domain.LocalCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A district-heating declaration CSV to DISTRICT_HEATING factors. Columns: {@code SupplyArea} (the metering points'
 * supplyAreaId), {@code Period} ({@code 2021} = the local calendar year, {@code 2021-03} = a local month), {@code Value},
 * {@code Unit} ({@code g/kWh}, {@code kg/MWh} or {@code kg/GJ}; 1 kg/GJ = 3.6 g/kWh), {@code Method} (e.g. 200%),
 * {@code Source} (the publication), and optional {@code Basis} ({@code CO2e} when the declaration states CO2 equivalents,
 * otherwise CO2 only, as most Danish heat declarations print "CO2-emission") and {@code Edition} (default DECLARATION).
 */
public final class HeatDeclarationFactors implements FactorRows {
    private static final BigDecimal KG_PER_GJ_TO_G_PER_KWH = new BigDecimal("3.6");

    @Override
    public void row(Row row, FactorSink out) throws BadRow {
        String area = row.get("SupplyArea");
        if (area.contains("|")) {
            throw new BadRow("SupplyArea '" + area + "' contains '|'");
        }
        String period = row.get("Period");
        Instant from;
        Instant to;
        try {
            if (period.length() == 4) {
                int year = Integer.parseInt(period);
                from = Instant.ofEpochMilli(LocalCalendar.startOfDay(java.time.LocalDate.of(year, 1, 1)));
                to = Instant.ofEpochMilli(LocalCalendar.startOfDay(java.time.LocalDate.of(year + 1, 1, 1)));
            } else {
                YearMonth month = YearMonth.parse(period);
                from = Instant.ofEpochMilli(LocalCalendar.startOfDay(month.atDay(1)));
                to = Instant.ofEpochMilli(LocalCalendar.startOfDay(month.plusMonths(1).atDay(1)));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadRow("Period '" + period + "' is not a year (2021) or a month (2021-03)");
        }
        BigDecimal value = Decimals.parse(row.get("Value"), "Value");
        if (value.signum() < 0) {
            throw new BadRow("Value " + value + " is negative");
        }
        String unit = row.get("Unit").replace(" ", "").toLowerCase();
        BigDecimal grams = switch (unit) {
            case "g/kwh", "kg/mwh" -> value;
            case "kg/gj" -> value.multiply(KG_PER_GJ_TO_G_PER_KWH);
            default -> throw new BadRow("Unit '" + row.get("Unit") + "' is not g/kWh, kg/MWh or kg/GJ");
        };
        String basisText = row.optional("Basis");
        String basis = basisText != null && basisText.equalsIgnoreCase("CO2e") ? FactorBasis.AS_DECLARED : FactorBasis.CO2_ONLY;
        Edition edition;
        try {
            edition = row.optional("Edition") == null ? Edition.DECLARATION : Edition.valueOf(row.get("Edition").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadRow("Edition '" + row.optional("Edition") + "' is not FORECAST, ACTUAL or DECLARATION");
        }
        String origin = row.get("Source") + " (" + value.toPlainString() + " " + row.get("Unit") + ")";
        out.factor(FactorBasis.mark(EmissionFactor.newBuilder().setCarrier(Carrier.DISTRICT_HEATING).setArea(area).setMethod(row.get("Method"))
                .setEdition(edition).setValidFrom(from).setValidTo(to).setGramsCo2ePerKWh(grams.doubleValue()), origin, basis).build());
    }
}

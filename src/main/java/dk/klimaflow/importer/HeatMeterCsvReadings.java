package dk.klimaflow.importer;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.FeedSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A heat-meter CSV (one row per reading of a cumulative register) to {@link DistrictHeatingReading}s on
 * {@code energy.district-heating.readings}, key = meter id. Columns: meter id ({@code meter_id}), time ({@code time_rounded}
 * or {@code time}, UTC or with an offset), the energy register as {@code energy_heat_kwh} / {@code energy_heat_mwh} /
 * {@code energy_heat_gj} (or {@code energy} with a {@code unit} column: kWh, MWh, GJ), optional volume {@code volume_flow_m3}
 * or {@code volume_m3}, and optional temperatures either direct ({@code flow_temp_c}, {@code return_temp_c}) or from the
 * cumulative volume x temperature registers of the Danish smart-heat-meter dataset ({@code inlet_flow_energy_m3xC},
 * {@code back_flow_energy_m3xC}: the mean over the interval since the meter's previous row is delta(m3xC) / delta(m3)).
 * An optional {@code event} column marks a meter replacement: {@code METER_REMOVED} (the old meter's final reading),
 * {@code METER_INSTALLED} (the new meter's start reading), {@code READING} or empty otherwise (case-insensitive).
 * Memory: the previous row of the current meter. Bad rows: a negative or non-numeric register, an unknown unit or event, a
 * bad time.
 */
public final class HeatMeterCsvReadings implements FileImport.Handler {
    private final FeedSink sink;
    private final ImportTally tally;
    private final String utilityId;
    private final Instant sentAt;
    private String previousMeter;
    private BigDecimal[] previous;

    public HeatMeterCsvReadings(FeedSink sink, ImportTally tally, String utilityId, Instant sentAt) {
        this.sink = sink;
        this.tally = tally;
        this.utilityId = utilityId;
        this.sentAt = sentAt;
    }

    static boolean recognises(List<String> header) {
        return header.contains("meter_id") && (header.contains("time_rounded") || header.contains("time"));
    }

    @Override
    public void row(Row row) throws BadRow {
        String meter = row.get("meter_id");
        Instant at = LocalHours.utc(row.optional("time_rounded") != null ? row.get("time_rounded") : row.get("time"));
        EnergyUnit unit;
        String register;
        if (row.has("energy_heat_kwh")) {
            unit = EnergyUnit.KWH;
            register = row.get("energy_heat_kwh");
        } else if (row.has("energy_heat_mwh")) {
            unit = EnergyUnit.MWH;
            register = row.get("energy_heat_mwh");
        } else if (row.has("energy_heat_gj")) {
            unit = EnergyUnit.GJ;
            register = row.get("energy_heat_gj");
        } else {
            register = row.get("energy");
            try {
                unit = EnergyUnit.valueOf(row.get("unit").toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new BadRow("unit '" + row.get("unit") + "' is not kWh, MWh or GJ");
            }
        }
        BigDecimal energy = Decimals.parse(register, "energy register");
        if (energy.signum() < 0) {
            throw new BadRow("energy register " + energy + " is negative");
        }
        HeatReadingEvent event = event(row);
        BigDecimal volume = number(row, row.has("volume_flow_m3") ? "volume_flow_m3" : "volume_m3");
        Double flow = temperature(row, "flow_temp_c");
        Double back = temperature(row, "return_temp_c");
        BigDecimal inlet = number(row, "inlet_flow_energy_m3xC");
        BigDecimal outlet = number(row, "back_flow_energy_m3xC");
        if (meter.equals(previousMeter) && previous != null && volume != null && previous[0] != null) {
            BigDecimal dv = volume.subtract(previous[0]);
            if (dv.signum() > 0) {
                flow = flow != null ? flow : mean(inlet, previous[1], dv);
                back = back != null ? back : mean(outlet, previous[2], dv);
            }
        }
        previousMeter = meter;
        previous = new BigDecimal[] {volume, inlet, outlet};
        sink.send(Topics.DISTRICT_HEATING, meter, DistrictHeatingReading.newBuilder().setMeterId(meter).setUtilityId(utilityId)
                .setReadAt(at).setEnergyRegister(energy.doubleValue()).setUnit(unit)
                .setVolumeM3(volume == null ? null : volume.doubleValue()).setFlowTempC(flow).setReturnTempC(back)
                .setSentAt(sentAt).setEvent(event).build());
        tally.imported(1);
    }

    private static HeatReadingEvent event(Row row) throws BadRow {
        String v = row.optional("event");
        if (v == null || v.isBlank()) {
            return HeatReadingEvent.READING;
        }
        try {
            return HeatReadingEvent.valueOf(v.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRow("event '" + v + "' is not READING, METER_REMOVED or METER_INSTALLED");
        }
    }

    private static BigDecimal number(Row row, String column) throws BadRow {
        String v = row.optional(column);
        return v == null ? null : Decimals.parse(v, column);
    }

    private static Double temperature(Row row, String column) throws BadRow {
        BigDecimal t = number(row, column);
        return t == null ? null : t.doubleValue();
    }

    private static Double mean(BigDecimal now, BigDecimal before, BigDecimal dv) {
        if (now == null || before == null) {
            return null;
        }
        return Math.round(now.subtract(before).doubleValue() / dv.doubleValue() * 100) / 100.0;
    }
}

package org.hausmeter.bus.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.hausmeter.ledger.MeterRole;

/**
 * A building's Modbus topology, loaded from a building file such as
 * {@code modbus-bus-config/demo-building.yaml} by {@link BuildingConfigLoader}, which has
 * checked every reference. All lists keep file order; {@code line} fields point into the file.
 *
 * @param file       the file it came from, for messages
 * @param name       the building's name
 * @param buses      the Modbus lines
 * @param apartments the apartments meters may belong to
 * @param chargers   the EV chargers meters may belong to
 * @param meters     every meter, on exactly one bus
 */
public record BuildingConfig(
        String file,
        String name,
        List<Bus> buses,
        List<Apartment> apartments,
        List<Charger> chargers,
        List<Meter> meters) {

    public BuildingConfig {
        buses = List.copyOf(buses);
        apartments = List.copyOf(apartments);
        chargers = List.copyOf(chargers);
        meters = List.copyOf(meters);
    }

    /** A Modbus line. */
    public sealed interface Bus permits RtuBus, TcpBus, RtuOverTcpBus {
        /** Unique id referenced by meters. */
        String id();

        /** Line in the building file. */
        int line();
    }

    /** Serial parity. */
    public enum Parity {
        NONE,
        EVEN,
        ODD
    }

    /**
     * Modbus RTU on a local serial port (RS-485 adapter).
     *
     * @param device   serial device path, e.g. {@code /dev/ttyUSB0}
     * @param baud     standard rate, 1200..115200; no meter on the bus may have a lower {@code maxBaud}
     * @param dataBits 7 or 8
     * @param stopBits 1 or 2
     */
    public record RtuBus(String id, String device, int baud, Parity parity, int dataBits, int stopBits, int line)
            implements Bus {}

    /**
     * Modbus TCP: a device speaking TCP itself or a TCP-to-RTU gateway that routes by unit id.
     *
     * @param port TCP port, 1..65535 (Modbus default 502)
     */
    public record TcpBus(String id, String host, int port, int line) implements Bus {}

    /**
     * Raw RTU frames (with CRC) tunnelled over a TCP socket by a transparent serial server.
     * The serial settings live in the server and are not checked here.
     *
     * @param port TCP port, 1..65535
     */
    public record RtuOverTcpBus(String id, String host, int port, int line) implements Bus {}

    /**
     * An apartment.
     *
     * @param code   unique code {@code <house>-<floor>.<number>}, e.g. {@code }
     * @param floor  floor number, 0 = ground floor, negative = basement
     * @param areaM2 living area in square metres, positive, as written (no rounding)
     */
    public record Apartment(String code, String name, int floor, BigDecimal areaM2, int line) {}

    /**
     * An EV charger; {@code id} is unique and referenced by CHARGER meters.
     *
     * @param reader  PC/SC name of the NFC reader at this charger (unique), if it has one
     * @param control how the server switches the charger over Modbus, if it does
     */
    public record Charger(String id, String name, Optional<String> reader, Optional<ChargerControl> control, int line) {
        public Charger {
            reader = reader == null ? Optional.empty() : reader;
            control = control == null ? Optional.empty() : control;
        }

        /** A charger with neither reader nor control (metered only). */
        public Charger(String id, String name, int line) {
            this(id, name, Optional.empty(), Optional.empty(), line);
        }
    }

    /**
     * Where and how a charger is switched: a control profile from {@code modbus-bus-config/chargers/}
     * at a unit id on a bus of this file. The unit may be the charger's own CHARGER meter (a wallbox
     * that meters itself) or a device of its own (a relay module, which several chargers may share).
     *
     * @param profile    profile id = file name in {@code chargers/} without {@code .yaml}
     * @param bus        id of the bus the device is on
     * @param unitId     Modbus unit id, 1..247 (255 allowed on TCP buses)
     * @param parameters the profile's parameters set here (e.g. {@code coil}, {@code currentA}),
     *                   whole numbers, checked against the profile when the charging module starts
     */
    public record ChargerControl(
            String profile, String bus, int unitId, java.util.Map<String, Long> parameters, int line) {
        public ChargerControl {
            parameters = java.util.Map.copyOf(parameters);
        }
    }

    /**
     * A meter on a bus, or an import-only meter (no bus).
     *
     * @param name      unique name, e.g. {@code apt-1.2}
     * @param bus       id of its {@link Bus}; {@code null} for an import-only meter
     * @param unitId    Modbus unit id, 1..247, unique on its bus; 0 for an import-only meter
     * @param model     register-map model id in the catalog; may be {@code null} for an import-only meter
     * @param role      what it measures
     * @param apartment apartment code for role APARTMENT, otherwise {@code null}
     * @param charger   charger id for role CHARGER, otherwise {@code null}
     * @param installed local day (building zone) the meter was installed, key {@code installed}; {@code null}: when
     *                  the server first saw it in the file
     * @param meteringPoint the metering point operator's id of the meter's location (MaLo or MeLo, stored form), key
     *                  {@code meteringPoint}, by which MSCONS imports find the meter; {@code null}: not set by the file
     * @param importOnly true (key {@code importOnly: true}): values arrive only by import; never polled
     * @param calibration verification year (key {@code verified}) and explicit last valid day (key
     *                  {@code validUntil}) of the calibration register
     */
    public record Meter(
            String name,
            String bus,
            int unitId,
            String model,
            MeterRole role,
            String apartment,
            String charger,
            java.time.LocalDate installed,
            String meteringPoint,
            int line,
            boolean importOnly,
            org.hausmeter.ledger.Calibration calibration) {

        public Meter {
            calibration = calibration == null ? org.hausmeter.ledger.Calibration.UNKNOWN : calibration;
        }

        /** A polled meter without a metering point id and with an unknown calibration. */
        public Meter(
                String name,
                String bus,
                int unitId,
                String model,
                MeterRole role,
                String apartment,
                String charger,
                java.time.LocalDate installed,
                int line) {
            this(name, bus, unitId, model, role, apartment, charger, installed, null, line, false, null);
        }
    }

    /** The bus with {@code id}, if any. */
    public Optional<Bus> bus(String id) {
        return buses.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** The meter named {@code name}, if any. */
    public Optional<Meter> meter(String name) {
        return meters.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The charger with {@code id}, if any. */
    public Optional<Charger> charger(String id) {
        return chargers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The CHARGER meters of charger {@code id}, in file order. */
    public List<Meter> metersOf(String chargerId) {
        return meters.stream().filter(m -> chargerId.equals(m.charger())).toList();
    }

    /** The meters on bus {@code busId}, in file order (never an import-only meter). */
    public List<Meter> metersOn(String busId) {
        return meters.stream().filter(m -> busId.equals(m.bus())).toList();
    }
}

package org.hausmeter.building;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.persistence.Building;
import org.jboss.logging.Logger;

/** Creates the building settings row on first start from configured defaults, and reads them. */
@ApplicationScoped
public class BuildingSettings {

    private static final Logger LOG = Logger.getLogger(BuildingSettings.class);

    /** Immutable view of the settings. */
    public record Settings(String name, ZoneId zone, Currency currency) {}

    /**
     * The co-op as issuer of bills, from the building's {@code issuer} JSON. Text fields may be null until the
     * caretaker enters them; bills are issued only when {@link #missing()} is empty.
     */
    public record Issuer(
            String name,
            List<String> address,
            String taxNumber,
            String vatId,
            String registerCourt,
            String registerNumber,
            List<String> board,
            String phone,
            String email,
            String iban,
            String bankName,
            String meteringOperator,
            String marketLocationId,
            String gridOperator,
            String noticePeriod,
            int paymentDays) {

        /** The JSON keys, in form order. */
        public static final List<String> KEYS = List.of(
                "address",
                "taxNumber",
                "vatId",
                "registerCourt",
                "registerNumber",
                "board",
                "phone",
                "email",
                "iban",
                "bankName",
                "meteringOperator",
                "marketLocationId",
                "gridOperator",
                "noticePeriod");

        /** @return the keys a bill needs that are still empty (§ 14 UStG, § 40 EnWG) */
        public List<String> missing() {
            List<String> m = new java.util.ArrayList<>();
            if (address.isEmpty()) {
                m.add("address");
            }
            if (taxNumber == null && vatId == null) {
                m.add("taxNumber");
            }
            for (String[] kv : new String[][] {
                {"registerCourt", registerCourt},
                {"registerNumber", registerNumber},
                {"phone", phone},
                {"email", email},
                {"iban", iban},
                {"meteringOperator", meteringOperator},
                {"noticePeriod", noticePeriod}
            }) {
                if (kv[1] == null) {
                    m.add(kv[0]);
                }
            }
            return m;
        }
    }

    @ConfigProperty(name = "hausmeter.building.default-name")
    String defaultName;

    @ConfigProperty(name = "hausmeter.building.default-time-zone")
    String defaultZone;

    @ConfigProperty(name = "hausmeter.building.default-currency")
    String defaultCurrency;

    private final Clock clock;
    private final AuditLog audit;

    BuildingSettings(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        ZoneId.of(defaultZone);
        Currency.getInstance(defaultCurrency);
        QuarkusTransaction.requiringNew().run(() -> {
            if (Building.findById(Building.THE_ID) == null) {
                Building b = new Building();
                b.name = defaultName;
                b.timeZone = defaultZone;
                b.currency = defaultCurrency;
                b.updatedAt = clock.instant();
                b.persist();
                LOG.infof(
                        "Building settings created: [%s], time zone [%s], currency [%s]",
                        defaultName, defaultZone, defaultCurrency);
            }
        });
    }

    public Settings current() {
        Building b = QuarkusTransaction.joiningExisting().call(() -> Building.<Building>findById(Building.THE_ID));
        if (b == null) {
            throw new IllegalStateException("Building settings row is missing");
        }
        return new Settings(b.name, ZoneId.of(b.timeZone), Currency.getInstance(b.currency));
    }

    /** @return the issuer details of bills */
    public Issuer issuer() {
        Building b = QuarkusTransaction.joiningExisting().call(() -> Building.<Building>findById(Building.THE_ID));
        Map<String, Object> j = parse(b.issuer);
        return new Issuer(
                b.name,
                lines(j.get("address")),
                text(j.get("taxNumber")),
                text(j.get("vatId")),
                text(j.get("registerCourt")),
                text(j.get("registerNumber")),
                lines(j.get("board")),
                text(j.get("phone")),
                text(j.get("email")),
                text(j.get("iban")),
                text(j.get("bankName")),
                text(j.get("meteringOperator")),
                text(j.get("marketLocationId")),
                text(j.get("gridOperator")),
                text(j.get("noticePeriod")),
                b.paymentDays);
    }

    /** @return the issuer details as the stored JSON object (for the settings form and the audit log) */
    public Map<String, Object> issuerJson() {
        Building b = QuarkusTransaction.joiningExisting().call(() -> Building.<Building>findById(Building.THE_ID));
        Map<String, Object> out = new LinkedHashMap<>(parse(b.issuer));
        out.put("paymentDays", b.paymentDays);
        return out;
    }

    /**
     * Replaces the issuer details (the caretaker's settings page; the caller audits). Multi-line values
     * (address, board) are newline-separated text; blank values are removed.
     */
    public void updateIssuer(Map<String, String> values, int paymentDays) {
        if (paymentDays < 14 || paymentDays > 90) {
            throw new IllegalArgumentException(
                    "Payment term must be 14 to 90 days (§ 40c EnWG: at least 2 weeks), got " + paymentDays);
        }
        Map<String, Object> j = new LinkedHashMap<>();
        for (String k : Issuer.KEYS) {
            String v = values.get(k);
            if (v == null || v.isBlank()) {
                continue;
            }
            j.put(k, k.equals("address") || k.equals("board") ? lines(v) : v.strip());
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            Building b = Building.findById(Building.THE_ID);
            try {
                b.issuer = JSON.writeValueAsString(j);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            b.paymentDays = paymentDays;
            b.updatedAt = clock.instant();
        });
    }

    /**
     * The caretaker's settings page: the building's name and the issuer details in one audited change.
     * Time zone and currency are not changed here: every stored interval, tariff and bill depends on them.
     *
     * @param name        the building's name, 1 to 100 characters
     * @param issuer      values by {@link Issuer#KEYS}; see {@link #updateIssuer}
     * @param paymentDays 14 to 90
     * @throws IllegalArgumentException with the reason when a value is not acceptable
     */
    public void update(String name, Map<String, String> issuer, int paymentDays, String actor) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("The building's name needs 1 to 100 characters");
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            Map<String, Object> before = new LinkedHashMap<>(issuerJson());
            before.put("name", current().name());
            updateIssuer(issuer, paymentDays);
            Building b = Building.findById(Building.THE_ID);
            b.name = n;
            Map<String, Object> after = new LinkedHashMap<>(issuerJson());
            after.put("name", n);
            audit.record(actor, "building.settings", "building", before, after, null);
        });
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(
                    json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Building issuer settings are not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream()
                    .map(Object::toString)
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .toList();
        }
        return Arrays.stream(v.toString().split("\\R"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    private static String text(Object v) {
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }
}

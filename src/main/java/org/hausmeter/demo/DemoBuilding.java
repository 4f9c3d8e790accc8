package org.hausmeter.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.building.persistence.Building;
import org.hausmeter.bus.BuildingTopology;
import org.hausmeter.charging.persistence.ChargingCard;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;
import org.hausmeter.tariff.UnitPrice;
import org.hausmeter.tariff.VatRate;
import org.jboss.logging.Logger;

/**
 * The demo building of the default run ({@code demo} argument, or {@code hausmeter.demo.enabled}):
 * apartments and meters come from modbus-bus-config/demo-building.yaml; this adds a resident per
 * apartment with a tenancy since {@link #SINCE} (one tenant change mid-month), a caretaker, and
 * known demo logins.
 * Seeding is idempotent: what exists is left alone, so a restart changes nothing.
 * Never enabled in production: the demo passwords are public.
 */
@ApplicationScoped
public class DemoBuilding {

    private static final Logger LOG = Logger.getLogger(DemoBuilding.class);

    /** A demo login; the password is public by design. */
    public record DemoLogin(String username, String password, String displayName, Role role, String apartment) {}

    /** Caretaker first, then one resident per apartment of demo-building.yaml; changes tenant. */
    public static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("hauswart", "hauswart-demo", "Hans Hauswart", Role.CARETAKER, null),
            new DemoLogin("anna", "anna-demo", "Anna Berger", Role.RESIDENT, "A-0.1"),
            new DemoLogin("ben", "ben-demo1", "Ben Okafor", Role.RESIDENT, "A-0.2"),
            new DemoLogin("cem", "cem-demo1", "Cem Yilmaz", Role.RESIDENT, "A-1.1"),
            new DemoLogin("dora", "dora-demo", "Dora Schmidt", Role.RESIDENT, "A-1.2"),
            new DemoLogin("emil", "emil-demo", "Emil Novak", Role.RESIDENT, "A-2.1"),
            new DemoLogin("fatma", "fatma-demo", "Fatma Demir", Role.RESIDENT, "A-2.1"),
            new DemoLogin("greta", "greta-demo", "Greta Lind", Role.RESIDENT, "A-2.2"),
            new DemoLogin("hugo", "hugo-demo", "Hugo Maier", Role.RESIDENT, "A-3.1"),
            new DemoLogin("ida", "ida-demo1", "Ida Kowalski", Role.RESIDENT, "A-3.2"),
            new DemoLogin("jonas", "jonas-demo", "Jonas Weber", Role.RESIDENT, "A-4.1"),
            new DemoLogin("katya", "katya-demo", "Katya Ivanova", Role.RESIDENT, "A-4.2"),
            new DemoLogin("lena", "lena-demo", "Lena Fischer", Role.RESIDENT, "A-5.1"),
            new DemoLogin("mo", "mo-demo12", "Mo Haddad", Role.RESIDENT, "A-5.2"));

    /**
     * The demo card of a resident login: a 7-byte UID (NXP-style, 04 first), printed in the banner so
     * "simulate tap" (POST /api/chargers/ch-1/simulate-tap) and a virtual card can use it.
     */
    public static String demoCard(DemoLogin login) {
        int i = LOGINS.indexOf(login);
        return String.format("04A1B2C3D4E5%02X", i);
    }

    /** The demo building's history starts here: meters installed, first tenancies. */
    public static final LocalDate SINCE = LocalDate.of(2025, 1, 1);

    /** The demo co-op's issuer details (fictitious; the register and tax numbers are made up). */
    static final Map<String, String> ISSUER = Map.ofEntries(
            Map.entry("address", "Lindenhofstraße 12\n10999 Berlin"),
            Map.entry("taxNumber", "29/123/45678"),
            Map.entry("registerCourt", "Amtsgericht Charlottenburg"),
            Map.entry("registerNumber", "GnR 999 B (demo)"),
            Map.entry("board", "A. Beispiel\nB. Muster"),
            Map.entry("phone", "+49 30 1234567"),
            Map.entry("email", "strom@lindenhof-demo.example"),
            Map.entry("iban", "DE02 1203 0000 0000 2020 51"),
            Map.entry("bankName", "Demo-Bank"),
            Map.entry("meteringOperator", "Genossenschaft Lindenhof (eigene Messung, Modbus)"),
            Map.entry("marketLocationId", "DE000000000000000000000000000099999"),
            Map.entry("gridOperator", "Stromnetz Berlin GmbH, 9900000000003 (demo)"),
            Map.entry("noticePeriod", "1 Monat zum Monatsende"));

    /** The demo tariff: HT/NT grid price on weekdays, NT all weekend (winter dearer), PV below the grid price, EV prices, 19 % VAT. */
    static final TariffStore.StoredTariff TARIFF = demoTariff();

    private static TariffStore.StoredTariff demoTariff() {
        java.util.Currency eur = java.util.Currency.getInstance("EUR");
        java.util.function.BiFunction<String, String, DaySchedule> ntHt = (nt, ht) -> DaySchedule.of(
                new TouWindow("NT", LocalTime.MIDNIGHT, LocalTime.of(6, 0), UnitPrice.of(eur, nt)),
                new TouWindow("HT", LocalTime.of(6, 0), LocalTime.of(22, 0), UnitPrice.of(eur, ht)),
                new TouWindow("NT", LocalTime.of(22, 0), LocalTime.MIDNIGHT, UnitPrice.of(eur, nt)));
        GridPrice grid = GridPrice.timeOfUse(
                Season.of(
                        "Winter",
                        Month.OCTOBER,
                        Month.MARCH,
                        ntHt.apply("0.2650", "0.3320"),
                        DaySchedule.allDay("NT", UnitPrice.of(eur, "0.2650"))),
                Season.of(
                        "Sommer",
                        Month.APRIL,
                        Month.SEPTEMBER,
                        ntHt.apply("0.2550", "0.3150"),
                        DaySchedule.allDay("NT", UnitPrice.of(eur, "0.2550"))));
        return new TariffStore.StoredTariff(
                new TariffVersion(
                        SINCE,
                        grid,
                        UnitPrice.of(eur, "0.2150"),
                        Money.of(eur, "6.50"),
                        UnitPrice.of(eur, "0.2400"),
                        UnitPrice.of(eur, "0.3500"),
                        UnitPrice.of(eur, "0.0803"),
                        VatRate.of("19")),
                AllocationKey.DYNAMIC_PROPORTIONAL,
                TariffStore.CommonKey.FLOOR_AREA);
    }

    private final Clock clock;
    private final AuditLog audit;
    private final BuildingTopology topology;
    private final boolean enabled;
    private final int port;
    private final String host;

    private final TariffStore tariffs;
    private final BuildingSettings settings;

    DemoBuilding(
            Clock clock,
            AuditLog audit,
            BuildingTopology topology,
            TariffStore tariffs,
            BuildingSettings settings,
            @ConfigProperty(name = "hausmeter.demo.enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        this.host = host;
        this.tariffs = tariffs;
        this.settings = settings;
        this.port = port;
        this.clock = clock;
        this.audit = audit;
        this.topology = topology;
        this.enabled = enabled;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (!enabled) {
            return;
        }
        boolean created = QuarkusTransaction.requiringNew().call(this::seed);
        QuarkusTransaction.requiringNew().run(this::seedCards);
        StringBuilder banner = new StringBuilder(created ? "Demo building created. " : "Demo building. ")
                .append("Demo logins (public passwords, demo only) and charging cards:");
        for (DemoLogin login : LOGINS) {
            banner.append(String.format(
                    "%n    %-9s %-12s %-10s %-16s %s",
                    login.username(),
                    login.password(),
                    login.role(),
                    login.apartment() == null ? "" : "apartment " + login.apartment(),
                    login.role() == Role.RESIDENT ? "card " + demoCard(login) : ""));
        }
        banner.append(String.format(
                "%n    Simulate a tap: curl -u hauswart:hauswart-demo -H 'Content-Type: application/json'"
                        + " -d '{\"uid\":\"%s\"}' http://localhost:%d/api/chargers/ch-1/simulate-tap",
                demoCard(LOGINS.get(1)), port));
        LOG.info(banner);
        allInterfacesWarning(host).ifPresent(LOG::warn);
    }

    /**
     * The warning of a demo that listens on every interface ({@code 0.0.0.0} or {@code ::}): its passwords are
     * public, so anybody on the network can log in as the caretaker.
     */
    static java.util.Optional<String> allInterfacesWarning(String host) {
        String h = host == null ? "" : host.strip().replace("[", "").replace("]", "");
        if (!List.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "*").contains(h)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(
                "The demo listens on all network interfaces (%s) with public demo passwords"
                        + " (caretaker %s / %s, residents e.g. %s / %s): anybody who reaches this machine can log in."
                        + " On a shared network start it with HAUSMETER_HTTP_HOST=127.0.0.1.",
                h,
                LOGINS.get(0).username(),
                LOGINS.get(0).password(),
                LOGINS.get(1).username(),
                LOGINS.get(1).password()));
    }

    /** Registers each demo resident's card (idempotent: a resident who has one is left alone). */
    void seedCards() {
        for (DemoLogin login : LOGINS) {
            if (login.role() != Role.RESIDENT) {
                continue;
            }
            Account acc = Account.findByUsername(login.username()).orElse(null);
            if (acc == null
                    || ChargingCard.count("resident.id", acc.id) > 0
                    || ChargingCard.findByUid(demoCard(login)).isPresent()) {
                continue;
            }
            ChargingCard card = new ChargingCard();
            card.uid = demoCard(login);
            card.resident = acc;
            card.label = "Demo card";
            card.registeredAt = clock.instant();
            card.registeredBy = "system";
            card.persist();
            audit.record(
                    "system",
                    "card.register",
                    "card:" + card.uid,
                    null,
                    java.util.Map.of("resident", acc.username),
                    "demo seed");
        }
    }

    /**
     * Creates the demo people and tenancies for the apartments of the building file (already synced
     * by {@link org.hausmeter.bus.BuildingTopology}); returns true when this call created them.
     */
    boolean seed() {
        if (Account.count() > 0) {
            return false;
        }
        Building building = Building.findById(Building.THE_ID);
        building.name = topology.building().map(b -> b.name()).orElse("Hausmeter demo");
        building.updatedAt = clock.instant();
        ZoneId zone = ZoneId.of(building.timeZone);
        // changes tenant on the 15th of last month: that month is billed in two parts.
        LocalDate handover =
                LocalDate.now(clock.withZone(zone)).withDayOfMonth(15).minusMonths(1);
        for (DemoLogin login : LOGINS) {
            Account acc = new Account();
            acc.username = login.username();
            acc.displayName = login.displayName();
            acc.role = login.role();
            acc.passwordHash = PasswordHasher.hash(login.password());
            acc.locale = "de";
            acc.createdAt = clock.instant();
            acc.persist();
            if (login.apartment() != null) {
                Tenancy t = new Tenancy();
                t.apartment = Apartment.findByCode(login.apartment())
                        .orElseThrow(() -> new IllegalStateException(
                                "Demo apartment [" + login.apartment() + "] is not in the building file"));
                t.resident = acc;
                t.moveIn = Intervals.dayStart(login.username().equals("fatma") ? handover : SINCE, zone);
                t.moveOut = login.username().equals("emil") ? Intervals.dayStart(handover, zone) : null;
                t.persist();
            }
        }
        Meter.update("installedAt = ?1 where installedAt > ?1", Intervals.dayStart(SINCE, zone));
        settings.updateIssuer(ISSUER, 14);
        tariffs.save(TARIFF, "system", "demo tariff");
        audit.record(
                "system",
                "demo.seed",
                "building",
                null,
                LOGINS.size() + " accounts, " + Tenancy.count() + " tenancies",
                null);
        return true;
    }
}

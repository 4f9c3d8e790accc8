package org.hausmeter.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.Building;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.persistence.Meter;
import org.jboss.logging.Logger;

/**
 * The demo building of the default run ({@code demo} argument, or {@code hausmeter.demo.enabled}):
 * six apartments, their residents and tenancies (one tenant change mid-month), meters for the
 * apartments, PV, grid connection, common area and one EV charger, and known demo logins.
 * Seeding is idempotent: what exists is left alone, so a restart changes nothing.
 * Never enabled in production: the demo passwords are public.
 */
@ApplicationScoped
public class DemoBuilding {

    private static final Logger LOG = Logger.getLogger(DemoBuilding.class);

    /** A demo login; the password is public by design. */
    public record DemoLogin(String username, String password, String displayName, Role role, String apartment) {
    }

    public static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("hauswart", "hauswart-demo", "Hans Hauswart", Role.CARETAKER, null),
            new DemoLogin("anna", "anna-demo", "Anna Berger", Role.RESIDENT, "A-0.1"),
            new DemoLogin("ben", "ben-demo1", "Ben Okafor", Role.RESIDENT, "A-0.2"),
            new DemoLogin("cem", "cem-demo1", "Cem Yilmaz", Role.RESIDENT, "A-1.1"),
            new DemoLogin("dora", "dora-demo", "Dora Schmidt", Role.RESIDENT, "A-1.2"),
            new DemoLogin("emil", "emil-demo", "Emil Novak", Role.RESIDENT, "A-2.1"),
            new DemoLogin("fatma", "fatma-demo", "Fatma Demir", Role.RESIDENT, "A-2.1"),
            new DemoLogin("greta", "greta-demo", "Greta Lind", Role.RESIDENT, "A-2.2"));

    private record DemoApartment(String code, String name, int floor, String areaM2) {
    }

    private static final List<DemoApartment> APARTMENTS = List.of(
            new DemoApartment("A-0.1", "Ground floor left", 0, "54.20"),
            new DemoApartment("A-0.2", "Ground floor right", 0, "71.50"),
            new DemoApartment("A-1.1", "First floor left", 1, "54.20"),
            new DemoApartment("A-1.2", "First floor right", 1, "71.50"),
            new DemoApartment("A-2.1", "Second floor left", 2, "62.00"),
            new DemoApartment("A-2.2", "Second floor right", 2, "88.30"));

    private final Clock clock;
    private final AuditLog audit;
    private final boolean enabled;

    DemoBuilding(Clock clock, AuditLog audit, @ConfigProperty(name = "hausmeter.demo.enabled") boolean enabled) {
        this.clock = clock;
        this.audit = audit;
        this.enabled = enabled;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (!enabled) {
            return;
        }
        boolean created = QuarkusTransaction.requiringNew().call(this::seed);
        StringBuilder banner = new StringBuilder(created ? "Demo building created. " : "Demo building. ")
                .append("Demo logins (public passwords, demo only):");
        for (DemoLogin login : LOGINS) {
            banner.append(String.format("%n    %-9s %-12s %-10s %s", login.username(), login.password(), login.role(),
                    login.apartment() == null ? "" : "apartment " + login.apartment()));
        }
        LOG.info(banner);
    }

    /** Creates what is missing; returns true when this call created the building. */
    boolean seed() {
        if (Apartment.count() > 0) {
            return false;
        }
        Building building = Building.findById(Building.THE_ID);
        building.name = "Wohnungsgenossenschaft Sonnenhof (demo)";
        building.updatedAt = clock.instant();
        ZoneId zone = ZoneId.of(building.timeZone);

        for (DemoApartment a : APARTMENTS) {
            Apartment apt = new Apartment();
            apt.code = a.code();
            apt.name = a.name();
            apt.floor = a.floor();
            apt.areaM2 = new BigDecimal(a.areaM2());
            apt.persist();
        }
        LocalDate since = LocalDate.of(2025, 1, 1);
        // changes tenant on the 15th of last month: that month is billed in two parts.
        LocalDate handover = LocalDate.now(clock.withZone(zone)).withDayOfMonth(15).minusMonths(1);
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
                t.apartment = Apartment.findByCode(login.apartment()).orElseThrow();
                t.resident = acc;
                t.moveIn = (login.username().equals("fatma") ? handover : since).atStartOfDay(zone).toInstant();
                t.moveOut = login.username().equals("emil") ? handover.atStartOfDay(zone).toInstant() : null;
                t.persist();
            }
        }
        var installed = since.atStartOfDay(zone).toInstant();
        int unit = 1;
        for (DemoApartment a : APARTMENTS) {
            meter("apt-" + a.code(), "rtu0", unit++, "eastron-sdm630", MeterRole.APARTMENT,
                    Apartment.findByCode(a.code()).orElseThrow(), null, installed);
        }
        meter("common", "rtu0", 20, "eastron-sdm120", MeterRole.COMMON, null, null, installed);
        meter("charger-1", "rtu0", 30, "eastron-sdm630", MeterRole.CHARGER, null, "garage-1", installed);
        meter("pv", "tcp0", 1, "sunspec", MeterRole.PV, null, null, installed);
        meter("grid", "tcp0", 2, "abb-b23", MeterRole.GRID, null, null, installed);
        audit.record("system", "demo.seed", "building", null, APARTMENTS.size() + " apartments, "
                + LOGINS.size() + " accounts, " + Meter.count() + " meters", null);
        return true;
    }

    private static void meter(String name, String bus, int unit, String model, MeterRole role, Apartment apartment,
            String charger, java.time.Instant installed) {
        Meter m = new Meter();
        m.name = name;
        m.bus = bus;
        m.unitId = (short) unit;
        m.model = model;
        m.role = role;
        m.apartment = apartment;
        m.charger = charger;
        m.installedAt = installed;
        m.persist();
    }
}

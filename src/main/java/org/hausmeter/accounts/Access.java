package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.accounts.persistence.Tenancy;

/**
 * The one rule for residents' data: a resident sees an apartment only for the periods of their own
 * tenancies in it. Every resident page and API that takes an apartment (or anything of one) calls
 * {@link #requireOwnApartment} first and clips what it shows to the returned periods, so a new tenant
 * never sees the previous tenant's consumption. Anything else is 403, also for an apartment that does
 * not exist (no probing which codes exist). Caretaker pages use {@code @RolesAllowed("CARETAKER")}
 * and do not go through here.
 */
@ApplicationScoped
public class Access {

    /** A tenancy period of the resident in the apartment: [moveIn, moveOut), moveOut null while it runs. */
    public record TenancyPeriod(Instant moveIn, Instant moveOut) {
        public boolean contains(Instant t) {
            return !t.isBefore(moveIn) && (moveOut == null || t.isBefore(moveOut));
        }
    }

    /** An apartment of the resident, with their periods in it, oldest first. */
    public record OwnApartment(String code, String name, List<TenancyPeriod> periods) {
    }

    /**
     * The resident's periods in {@code apartmentCode}, oldest first.
     *
     * @throws ForbiddenException (403) when the identity is not a resident with a tenancy in that apartment
     */
    public List<TenancyPeriod> requireOwnApartment(SecurityIdentity identity, String apartmentCode) {
        OwnApartment own = ownApartments(identity).get(apartmentCode);
        if (own == null) {
            throw new ForbiddenException("Apartment [" + apartmentCode + "] is not yours");
        }
        return own.periods();
    }

    /** The resident's apartments by code, in order of their first move-in; empty for anyone but a resident. */
    public Map<String, OwnApartment> ownApartments(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(Role.RESIDENT.name())) {
            return Map.of();
        }
        String username = identity.getPrincipal().getName();
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<Tenancy> tenancies = Tenancy.list("select t from Tenancy t join fetch t.apartment join t.resident r"
                    + " where lower(r.username) = lower(?1) and r.active = true order by t.moveIn", username);
            Map<String, OwnApartment> byCode = new LinkedHashMap<>();
            for (Tenancy t : tenancies) {
                OwnApartment a = byCode.computeIfAbsent(t.apartment.code,
                        c -> new OwnApartment(c, t.apartment.name, new java.util.ArrayList<>()));
                a.periods().add(new TenancyPeriod(t.moveIn, t.moveOut));
            }
            Map<String, OwnApartment> result = new LinkedHashMap<>();
            byCode.forEach((c, a) -> result.put(c, new OwnApartment(c, a.name(), List.copyOf(a.periods()))));
            return result;
        });
    }
}

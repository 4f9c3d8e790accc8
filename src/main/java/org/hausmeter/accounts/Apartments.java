package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.audit.AuditLog;

/**
 * Apartments added by the caretaker (the JSON API), next to the ones the building file creates. An apartment's id
 * (creation order) is its place in the allocation's consumer order (docs/allocation.md).
 */
@ApplicationScoped
public class Apartments {

    private final AuditLog audit;

    Apartments(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Creates an apartment.
     *
     * @param code   unique, {@link ApartmentCode}
     * @param name   1 to 100 characters
     * @param floor  -9..99, or null
     * @param areaM2 positive, at most 2 decimals and below 100,000, or null when unknown
     * @return the new apartment's id
     */
    @Transactional
    public long create(String code, String name, Integer floor, BigDecimal areaM2, String actor) {
        if (!ApartmentCode.valid(code)) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "code", "Apartment code [" + code + "] " + ApartmentCode.RULE);
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "name", "The apartment's name needs 1 to 100 characters");
        }
        if (floor != null && (floor < -9 || floor > 99)) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "floor", "Floor [" + floor + "] is out of range -9..99");
        }
        if (areaM2 != null
                && (areaM2.signum() <= 0
                        || areaM2.stripTrailingZeros().scale() > 2
                        || areaM2.compareTo(new BigDecimal("100000")) >= 0)) {
            throw new AccountException(
                    AccountException.Kind.INVALID,
                    "areaM2",
                    "Area [" + areaM2.toPlainString() + "] m² must be positive, below 100000, with at most 2 decimals");
        }
        if (Apartment.findByCode(code).isPresent()) {
            throw new AccountException(
                    AccountException.Kind.CONFLICT, "code", "Apartment code [" + code + "] is taken");
        }
        Apartment a = new Apartment();
        a.code = code;
        a.name = n;
        a.floor = floor;
        a.areaM2 = areaM2;
        a.persist();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("code", code);
        after.put("name", n);
        after.put("floor", floor);
        after.put("areaM2", areaM2 == null ? null : areaM2.toPlainString());
        audit.record(actor, "apartment.create", "apartment:" + code, null, after, "created through the API");
        return a.id;
    }
}

package org.hausmeter.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the audit log back for the caretaker: filtered, newest first, a page at a time. */
@ApplicationScoped
public class AuditTrail {

    /** One event; {@code before} and {@code after} are the stored JSON texts (null when absent). */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String subject,
            String before,
            String after,
            String reason) {}

    /**
     * What to show; null or blank fields do not filter.
     *
     * @param actor   exact username (case-insensitive)
     * @param action  action or its dotted prefix: {@code billing} matches {@code billing.issue}
     * @param subject part of the subject, e.g. {@code } or {@code bill:12}
     * @param from    first instant, inclusive
     * @param to      end instant, exclusive
     */
    public record Filter(String actor, String action, String subject, Instant from, Instant to) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /**
     * @param entries  this page's events, newest first
     * @param page     0-based page number
     * @param hasNext  true when an older page exists
     */
    public record Page(List<Entry> entries, int page, boolean hasNext) {}

    /** A page of {@code size} events matching the filter, newest first. */
    @Transactional
    public Page page(Filter filter, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("Page [" + page + "] of size [" + size + "]: page >= 0, size 1..500");
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (filled(filter.actor())) {
            q.append(" and lower(actor) = :actor");
            p.and("actor", filter.actor().strip().toLowerCase(Locale.ROOT));
        }
        if (filled(filter.action())) {
            String a = filter.action().strip().toLowerCase(Locale.ROOT);
            q.append(" and (action = :action or action like :actionPrefix escape '!')");
            p.and("action", a).and("actionPrefix", escapeLike(a) + ".%");
        }
        if (filled(filter.subject())) {
            q.append(" and lower(subject) like :subject escape '!'");
            p.and("subject", "%" + escapeLike(filter.subject().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.from() != null) {
            q.append(" and at >= :from");
            p.and("from", filter.from());
        }
        if (filter.to() != null) {
            q.append(" and at < :to");
            p.and("to", filter.to());
        }
        PanacheQuery<AuditEvent> query = AuditEvent.find(q + " order by at desc, id desc", p);
        List<AuditEvent> rows = query.range(page * size, page * size + size).list();
        List<Entry> entries = rows.stream().limit(size).map(AuditTrail::entry).toList();
        return new Page(entries, page, rows.size() > size);
    }

    /** The newest event of exactly this action, if any. */
    @Transactional
    public Optional<Entry> latest(String action) {
        return AuditEvent.<AuditEvent>find("action = ?1 order by at desc, id desc", action)
                .firstResultOptional()
                .map(AuditTrail::entry);
    }

    /** The distinct actions recorded so far, sorted (for the filter's choices). */
    @Transactional
    public List<String> actions() {
        return AuditEvent.getEntityManager()
                .createQuery("select distinct e.action from AuditEvent e order by e.action", String.class)
                .getResultList();
    }

    /**
     * What the subjects of audit events name, for a reader: {@code account:anna} (or {@code account:12}) the person's
     * display name, {@code apartment: } the apartment's name, {@code meter:apt-0.1} the meter's apartment code,
     * {@code card:04…} its holder, {@code bill:12} its number (or nothing for a draft), {@code tenancy:5:…} the
     * resident and apartment, {@code charging-session:3} the resident and charger. Subjects that name nothing known
     * are left out.
     */
    @Transactional
    public java.util.Map<String, String> names(java.util.Collection<String> subjects) {
        java.util.Map<String, java.util.Set<String>> ids = new java.util.HashMap<>();
        for (String s : subjects) {
            int colon = s == null ? -1 : s.indexOf(':');
            if (colon > 0) {
                String kind = s.substring(0, colon);
                String id = s.substring(colon + 1);
                if (kind.equals("tenancy") && id.indexOf(':') > 0) {
                    id = id.substring(0, id.indexOf(':'));
                }
                ids.computeIfAbsent(kind, k -> new java.util.HashSet<>()).add(id);
            }
        }
        java.util.Map<String, String> out = new java.util.HashMap<>();
        lookup(
                out,
                "account",
                ids.get("account"),
                "SELECT username, display_name FROM account WHERE username IN (:ids)"
                        + " UNION ALL SELECT id::text, display_name FROM account WHERE id::text IN (:ids)");
        lookup(out, "apartment", ids.get("apartment"), "SELECT code, name FROM apartment WHERE code IN (:ids)");
        lookup(
                out,
                "meter",
                ids.get("meter"),
                "SELECT DISTINCT ON (m.name) m.name, a.code FROM meter m JOIN apartment a ON a.id = m.apartment_id"
                        + " WHERE m.name IN (:ids) ORDER BY m.name, m.id DESC");
        lookup(
                out,
                "card",
                ids.get("card"),
                "SELECT c.uid, p.display_name FROM charging_card c JOIN account p ON p.id = c.resident_id"
                        + " WHERE c.uid IN (:ids)");
        lookup(
                out,
                "bill",
                ids.get("bill"),
                "SELECT id::text, number FROM bill WHERE id::text IN (:ids) AND number IS NOT NULL");
        lookup(
                out,
                "tenancy",
                ids.get("tenancy"),
                "SELECT t.id::text, p.display_name || ', ' || a.code FROM tenancy t JOIN account p ON p.id = t.resident_id"
                        + " JOIN apartment a ON a.id = t.apartment_id WHERE t.id::text IN (:ids)");
        lookup(
                out,
                "charging-session",
                ids.get("charging-session"),
                "SELECT s.id::text, p.display_name || ', ' || s.charger FROM charging_session s"
                        + " JOIN account p ON p.id = s.resident_id WHERE s.id::text IN (:ids)");
        return out;
    }

    private static void lookup(java.util.Map<String, String> out, String kind, java.util.Set<String> ids, String sql) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = AuditEvent.getEntityManager()
                .createNativeQuery(sql)
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] r : rows) {
            out.putIfAbsent(kind + ":" + r[0], String.valueOf(r[1]));
        }
    }

    private static Entry entry(AuditEvent e) {
        return new Entry(e.id, e.at, e.actor, e.action, e.subject, e.before, e.after, e.reason);
    }

    private static boolean filled(String s) {
        return s != null && !s.isBlank();
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}

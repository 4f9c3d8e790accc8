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

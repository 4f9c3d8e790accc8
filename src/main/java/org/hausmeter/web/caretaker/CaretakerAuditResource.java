package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.hausmeter.audit.persistence.AuditTrail;
import org.hausmeter.ledger.Intervals;

/** The audit log: every caretaker change (who, when, what, before, after, why), filtered and paged, newest first. */
@Path("/caretaker/audit")
@RolesAllowed("CARETAKER")
public class CaretakerAuditResource extends CaretakerPages {

    static final int SIZE = 50;

    /** The filter as typed, and the query string of this page without {@code page}. */
    public record Filter(String actor, String action, String subject, String from, String to, String query) {}

    /**
     * An entry with the page of its subject, if the console has one, and its words.
     *
     * @param action  the action in words
     * @param subject the subject in words, with the name of what it names
     * @param actor   who, by name
     * @param reason  the reason, translated where the server wrote it
     */
    public record Row(AuditTrail.Entry entry, String link, String action, String subject, String actor, String reason) {
        static String link(AuditTrail.Entry e) {
            String s = e.subject();
            int colon = s.indexOf(':');
            String kind = colon < 0 ? s : s.substring(0, colon);
            String id = colon < 0 ? "" : s.substring(colon + 1);
            return switch (kind) {
                case "bill" -> id.matches("\\d+") ? "/caretaker/billing/bills/" + id : null;
                case "month" -> "/caretaker/billing?month=" + enc(id);
                case "meter" -> "/caretaker/meters/" + enc(id);
                case "apartment" -> "/caretaker/apartments/" + org.hausmeter.web.Formats.seg(id);
                case "account" -> "/caretaker/residents/" + enc(id);
                case "tariff" -> "/caretaker/tariffs#tariff-" + enc(id);
                case "review-flag" -> "/caretaker/flags";
                case "building" -> "/caretaker/settings";
                default -> null;
            };
        }
    }

    public record View(Notice notice, AuditTrail.Page page, List<Row> rows, Filter filter, List<String> actions) {
        public int prev() {
            return page.page() - 1;
        }

        /** The next page's number, which is also this page's number counted from 1. */
        public int next() {
            return page.page() + 1;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(View view);
    }

    private final AuditTrail trail;

    CaretakerAuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance audit(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("subject") String subject,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") Integer page) {
        Notice notice = null;
        LocalDate fromDay = null;
        LocalDate toDay = null;
        try {
            fromDay = forms().optionalDate(from, ctb().audit_from());
            toDay = forms().optionalDate(to, ctb().audit_to());
        } catch (FormException e) {
            notice = Notice.error(e.getMessage());
        }
        AuditTrail.Filter f = new AuditTrail.Filter(
                actor,
                action,
                subject,
                fromDay == null ? null : Intervals.dayStart(fromDay, zone()),
                toDay == null ? null : Intervals.dayStart(toDay.plusDays(1), zone()));
        int p = page == null || page < 0 ? 0 : page;
        String query = "actor=" + enc(nz(actor)) + "&action=" + enc(nz(action)) + "&subject=" + enc(nz(subject))
                + "&from=" + enc(nz(from)) + "&to=" + enc(nz(to));
        AuditTrail.Page result = trail.page(f, p, SIZE);
        return Templates.audit(new View(
                notice,
                result,
                rows(result.entries()),
                new Filter(nz(actor), nz(action), nz(subject), nz(from), nz(to), query),
                trail.actions()));
    }

    private List<Row> rows(List<AuditTrail.Entry> entries) {
        java.util.Set<String> subjects = new java.util.HashSet<>();
        for (AuditTrail.Entry e : entries) {
            subjects.add(AuditTexts.nameKey(e.subject()));
            subjects.add("account:" + e.actor());
        }
        java.util.Map<String, String> names = trail.names(subjects);
        AuditMessages au = io.quarkus.qute.i18n.MessageBundles.get(
                AuditMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale().getLanguage()));
        return entries.stream()
                .map(e -> new Row(
                        e,
                        Row.link(e),
                        au.action(e.action()),
                        AuditTexts.subject(e.subject(), names, au, locale()),
                        AuditTexts.actor(e.actor(), names, au),
                        AuditTexts.reason(e.reason(), au, locale(), zone())))
                .toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}

package org.hausmeter.charging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.charging.persistence.ChargingCard;

/**
 * Cards of residents: registered by the caretaker (typed in, or by enrollment: the next unknown card
 * tapped at any reader), blocked and unblocked, with an optional expiry date. Every change is audited
 * with the caretaker's name. Random-ID cards are refused with the reason.
 *
 * <p>An enrollment lives in memory for {@code hausmeter.charging.enrollment-timeout}: a restart ends
 * it (the caretaker starts it again), and there is at most one at a time (a new one replaces it).
 */
@ApplicationScoped
public class CardService {

    /** A card as the API and pages show it. */
    public record CardView(
            String uid,
            long residentId,
            String residentUsername,
            String residentName,
            String label,
            Instant registeredAt,
            String registeredBy,
            LocalDate expiresOn,
            Instant blockedAt,
            String blockedReason,
            String group) {}

    /** A running enrollment: the next unknown card tapped is registered to {@code residentUsername}. */
    public record Enrollment(
            long residentId,
            String residentUsername,
            String residentName,
            String label,
            LocalDate expiresOn,
            String startedBy,
            Instant startedAt,
            Instant expiresAt) {}

    private final Clock clock;
    private final AuditLog audit;
    private final ChargingConfig config;
    private final org.hausmeter.building.BuildingSettings settings;
    private volatile Enrollment enrollment;

    CardService(Clock clock, AuditLog audit, ChargingConfig config, org.hausmeter.building.BuildingSettings settings) {
        this.clock = clock;
        this.audit = audit;
        this.config = config;
        this.settings = settings;
    }

    /** Registers a typed-in UID to a resident. */
    public CardView register(String uidText, String residentUsername, String label, LocalDate expiresOn, String actor) {
        CardUid uid = parse(uidText);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account resident = resident(residentUsername);
            return view(insert(uid, resident, label, expiresOn, actor, "card.register"));
        });
    }

    private ChargingCard insert(
            CardUid uid, Account resident, String label, LocalDate expiresOn, String actor, String action) {
        if (uid.isRandomId()) {
            throw new ChargingException(
                            ChargingException.Kind.INVALID,
                            "Card " + uid + " has a random ID (a 4-byte UID"
                                    + " starting 08 changes at every tap): it cannot be registered. Use a card with a fixed UID.")
                    .coded("card_random_id", uid);
        }
        Optional<ChargingCard> existing = ChargingCard.findByUid(uid.hex());
        if (existing.isPresent()) {
            throw new ChargingException(
                            ChargingException.Kind.CONFLICT,
                            "Card " + uid + " is already registered to " + existing.get().resident.displayName)
                    .coded("card_taken", uid, existing.get().resident.displayName);
        }
        if (label != null && label.length() > 80) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Card label is longer than 80 characters");
        }
        ChargingCard c = new ChargingCard();
        c.uid = uid.hex();
        c.resident = resident;
        c.label = label == null || label.isBlank() ? null : label.trim();
        c.expiresOn = expiresOn;
        c.registeredAt = clock.instant();
        c.registeredBy = actor;
        c.persist();
        audit.record(actor, action, "card:" + uid, null, snapshot(c), null);
        return c;
    }

    /** Blocks a card (it is refused from now on); a reason is required. */
    public CardView block(String uidText, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Blocking a card needs a reason")
                    .coded("card_block_reason");
        }
        CardUid uid = parse(uidText);
        return QuarkusTransaction.requiringNew().call(() -> {
            ChargingCard c = card(uid);
            if (c.blockedAt != null) {
                throw new ChargingException(
                                ChargingException.Kind.CONFLICT,
                                "Card " + uid + " is blocked since "
                                        + LocalDate.ofInstant(
                                                c.blockedAt, settings.current().zone()))
                        .coded(
                                "card_blocked",
                                uid,
                                LocalDate.ofInstant(
                                        c.blockedAt, settings.current().zone()));
            }
            Map<String, Object> before = snapshot(c);
            c.blockedAt = clock.instant();
            c.blockedReason = reason.trim();
            audit.record(actor, "card.block", "card:" + uid, before, snapshot(c), reason);
            return view(c);
        });
    }

    /** Lifts a block. */
    public CardView unblock(String uidText, String reason, String actor) {
        CardUid uid = parse(uidText);
        return QuarkusTransaction.requiringNew().call(() -> {
            ChargingCard c = card(uid);
            if (c.blockedAt == null) {
                throw new ChargingException(ChargingException.Kind.CONFLICT, "Card " + uid + " is not blocked")
                        .coded("card_not_blocked", uid);
            }
            Map<String, Object> before = snapshot(c);
            c.blockedAt = null;
            c.blockedReason = null;
            audit.record(actor, "card.unblock", "card:" + uid, before, snapshot(c), reason);
            return view(c);
        });
    }

    /** Sets or clears ({@code null}) the last day the card is accepted. */
    public CardView setExpiry(String uidText, LocalDate expiresOn, String actor) {
        CardUid uid = parse(uidText);
        return QuarkusTransaction.requiringNew().call(() -> {
            ChargingCard c = card(uid);
            Map<String, Object> before = snapshot(c);
            c.expiresOn = expiresOn;
            audit.record(actor, "card.expiry", "card:" + uid, before, snapshot(c), null);
            return view(c);
        });
    }

    /**
     * Puts the card in price group {@code group} (e.g. GUEST, CARSHARING; RESIDENT is the default). Sessions
     * already started keep the group they started with.
     */
    public CardView setGroup(String uidText, String group, String actor) {
        CardUid uid = parse(uidText);
        String g;
        try {
            g = org.hausmeter.tariff.EvPrices.checkGroup(group == null ? null : group.strip());
        } catch (IllegalArgumentException e) {
            throw new ChargingException(ChargingException.Kind.INVALID, e.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ChargingCard c = card(uid);
            Map<String, Object> before = snapshot(c);
            c.cardGroup = g;
            audit.record(actor, "card.group", "card:" + uid, before, snapshot(c), null);
            return view(c);
        });
    }

    /** All cards, by resident; or one resident's. */
    public List<CardView> list(Optional<Long> residentId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (residentId.isPresent()
                                ? ChargingCard.<ChargingCard>list(
                                        "resident.id = ?1 order by registeredAt", residentId.get())
                                : ChargingCard.<ChargingCard>list("order by resident.displayName, registeredAt"))
                        .stream().map(CardService::view).toList());
    }

    public Optional<CardView> find(String uidText) {
        CardUid uid = parse(uidText);
        return QuarkusTransaction.requiringNew()
                .call(() -> ChargingCard.findByUid(uid.hex()).map(CardService::view));
    }

    /** Starts an enrollment for a resident: the next unknown card tapped at any reader is registered to them. */
    public Enrollment startEnrollment(String residentUsername, String label, LocalDate expiresOn, String actor) {
        Instant now = clock.instant();
        Enrollment e = QuarkusTransaction.requiringNew().call(() -> {
            Account resident = resident(residentUsername);
            Enrollment started = new Enrollment(
                    resident.id,
                    resident.username,
                    resident.displayName,
                    label,
                    expiresOn,
                    actor,
                    now,
                    now.plus(config.enrollmentTimeout()));
            audit.record(
                    actor,
                    "card.enrollment.start",
                    "account:" + resident.username,
                    null,
                    Map.of("until", started.expiresAt().toString()),
                    null);
            return started;
        });
        enrollment = e;
        return e;
    }

    public void cancelEnrollment(String actor) {
        Enrollment e = enrollment;
        enrollment = null;
        if (e != null) {
            QuarkusTransaction.requiringNew()
                    .run(() -> audit.record(
                            actor, "card.enrollment.cancel", "account:" + e.residentUsername(), null, null, null));
        }
    }

    /** The enrollment waiting now, if any. */
    public Optional<Enrollment> enrollment() {
        Enrollment e = enrollment;
        if (e != null && !clock.instant().isBefore(e.expiresAt())) {
            enrollment = null;
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    /** Registers {@code uid} for the waiting enrollment (the tap decided so) and ends the enrollment. */
    CardView completeEnrollment(CardUid uid, Enrollment e, String where) {
        CardView card = QuarkusTransaction.requiringNew().call(() -> {
            Account resident = Account.findById(e.residentId());
            return view(insert(uid, resident, e.label(), e.expiresOn(), e.startedBy(), "card.enroll"));
        });
        if (enrollment == e) {
            enrollment = null;
        }
        return card;
    }

    private static CardUid parse(String text) {
        try {
            return CardUid.parse(text);
        } catch (IllegalArgumentException ex) {
            throw new ChargingException(ChargingException.Kind.INVALID, ex.getMessage());
        }
    }

    /**
     * The id of the account {@code username} (any role), for lists filtered by resident; read in its own
     * transaction.
     *
     * @throws ChargingException NOT_FOUND when there is no such account
     */
    public long accountId(String username) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Account.findByUsername(username == null ? "" : username)
                        .map(a -> a.id)
                        .orElseThrow(() -> new ChargingException(
                                ChargingException.Kind.NOT_FOUND, "No account [" + username + "]")));
    }

    private static ChargingCard card(CardUid uid) {
        return ChargingCard.findByUid(uid.hex())
                .orElseThrow(() ->
                        new ChargingException(ChargingException.Kind.NOT_FOUND, "Card " + uid + " is not registered"));
    }

    private static Account resident(String username) {
        Account a = Account.findByUsername(username == null ? "" : username)
                .orElseThrow(
                        () -> new ChargingException(ChargingException.Kind.NOT_FOUND, "No account [" + username + "]"));
        if (a.role != Role.RESIDENT) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Account [" + username + "] is not a resident");
        }
        return a;
    }

    private static Map<String, Object> snapshot(ChargingCard c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resident", c.resident.username);
        m.put("label", c.label);
        m.put("expiresOn", c.expiresOn == null ? null : c.expiresOn.toString());
        m.put("blockedAt", c.blockedAt == null ? null : c.blockedAt.toString());
        m.put("blockedReason", c.blockedReason);
        m.put("group", c.cardGroup);
        return m;
    }

    static CardView view(ChargingCard c) {
        return new CardView(
                c.uid,
                c.resident.id,
                c.resident.username,
                c.resident.displayName,
                c.label,
                c.registeredAt,
                c.registeredBy,
                c.expiresOn,
                c.blockedAt,
                c.blockedReason,
                c.cardGroup);
    }
}

package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.hausmeter.charging.TapRules.Action;
import org.hausmeter.charging.TapRules.Card;
import org.hausmeter.charging.TapRules.Decision;
import org.hausmeter.charging.TapRules.OpenSession;
import org.hausmeter.charging.TapRules.Tap;
import org.junit.jupiter.api.Test;

class TapRulesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-05T17:30:00Z");
    private static final CardUid ANNA = CardUid.parse("04A1B2C3D4E5F6");
    private static final CardUid BEN = CardUid.parse("04A1B2C3D4E5F7");

    private static Card card(CardUid uid) {
        return new Card(uid, "Anna Berger", Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    private static Tap tap(CardUid uid, Optional<Card> card) {
        return new Tap(
                uid,
                "ch-1",
                NOW,
                BERLIN,
                card,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                true);
    }

    @Test
    void knownCard_onFreeCharger_starts() {
        Decision d = TapRules.decide(tap(ANNA, Optional.of(card(ANNA))));
        assertThat(d.action()).isEqualTo(Action.START);
        assertThat(d.message()).contains("Anna Berger").contains("ch-1");
    }

    @Test
    void sameCard_onItsSession_stops_evenWhenBlockedMeanwhile() {
        Card blocked =
                new Card(ANNA, "Anna", Optional.of(NOW.minusSeconds(60)), Optional.of("lost"), Optional.empty(), true);
        Tap t = new Tap(
                ANNA,
                "ch-1",
                NOW,
                BERLIN,
                Optional.of(blocked),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.empty(),
                Optional.of(NOW.minusSeconds(600)),
                Duration.ofSeconds(5),
                true);
        assertThat(TapRules.decide(t).action()).isEqualTo(Action.STOP);
    }

    @Test
    void otherCard_onBusyCharger_isRefused() {
        Tap t = new Tap(
                BEN,
                "ch-1",
                NOW,
                BERLIN,
                Optional.of(card(BEN)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                true);
        Decision d = TapRules.decide(t);
        assertThat(d.reason()).isEqualTo(Reason.BUSY);
        assertThat(d.message()).isEqualTo("Card 04A1B2C3D4E5F7: charger [ch-1] is in use by another card");
    }

    @Test
    void cardCharging_elsewhere_isRefused() {
        Tap t = new Tap(
                ANNA,
                "ch-2",
                NOW,
                BERLIN,
                Optional.of(card(ANNA)),
                Optional.empty(),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                true);
        assertThat(TapRules.decide(t).reason()).isEqualTo(Reason.CARD_IN_USE);
    }

    @Test
    void repeatedTap_withinDebounce_isIgnored_andAfterItCounts() {
        Tap quick = new Tap(
                ANNA,
                "ch-1",
                NOW,
                BERLIN,
                Optional.of(card(ANNA)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.empty(),
                Optional.of(NOW.minusMillis(4_999)),
                Duration.ofSeconds(5),
                true);
        assertThat(TapRules.decide(quick).reason()).isEqualTo(Reason.REPEATED_TAP);
        Tap later = new Tap(
                ANNA,
                "ch-1",
                NOW,
                BERLIN,
                Optional.of(card(ANNA)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.of(new OpenSession(7, "ch-1", ANNA)),
                Optional.empty(),
                Optional.of(NOW.minusSeconds(5)),
                Duration.ofSeconds(5),
                true);
        assertThat(TapRules.decide(later).action()).isEqualTo(Action.STOP);
    }

    @Test
    void unknownCard_isRefused_orEnrolledWhenAnEnrollmentWaits() {
        assertThat(TapRules.decide(tap(BEN, Optional.empty())).reason()).isEqualTo(Reason.UNKNOWN_CARD);
        Tap enrolling = new Tap(
                BEN,
                "ch-1",
                NOW,
                BERLIN,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("Cem Yilmaz"),
                Optional.empty(),
                Duration.ofSeconds(5),
                true);
        Decision d = TapRules.decide(enrolling);
        assertThat(d.action()).isEqualTo(Action.ENROLL);
        assertThat(d.message()).isEqualTo("Card 04A1B2C3D4E5F7 registered to Cem Yilmaz");
    }

    @Test
    void randomId_isNeverEnrolled_andSaysWhy() {
        CardUid random = CardUid.parse("08A1B2C3");
        Tap enrolling = new Tap(
                random,
                "ch-1",
                NOW,
                BERLIN,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("Cem Yilmaz"),
                Optional.empty(),
                Duration.ofSeconds(5),
                true);
        Decision d = TapRules.decide(enrolling);
        assertThat(d.reason()).isEqualTo(Reason.RANDOM_ID);
        assertThat(d.message()).contains("random ID").contains("cannot be registered");
    }

    @Test
    void blockedCard_isRefused_withTheLocalDate() {
        Card blocked = new Card(
                ANNA,
                "Anna",
                Optional.of(Instant.parse("2026-11-01T23:30:00Z")),
                Optional.empty(),
                Optional.empty(),
                true);
        assertThat(TapRules.decide(tap(ANNA, Optional.of(blocked))).message())
                .isEqualTo("Card 04A1B2C3D4E5F6 is blocked since 2026-11-02");
    }

    @Test
    void expiredCard_isRefused_fromTheDayAfterItsExpiry() {
        Card lastDay = new Card(
                ANNA, "Anna", Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2026, 11, 5)), true);
        assertThat(TapRules.decide(tap(ANNA, Optional.of(lastDay))).action()).isEqualTo(Action.START);
        Card expired = new Card(
                ANNA, "Anna", Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2026, 11, 4)), true);
        assertThat(TapRules.decide(tap(ANNA, Optional.of(expired))).message())
                .isEqualTo("Card 04A1B2C3D4E5F6 expired on 2026-11-04");
    }

    @Test
    void residentWithoutRunningTenancy_isRefused() {
        Card moved = new Card(ANNA, "Emil Novak", Optional.empty(), Optional.empty(), Optional.empty(), false);
        assertThat(TapRules.decide(tap(ANNA, Optional.of(moved))).message())
                .contains("Emil Novak")
                .contains("no running tenancy");
    }

    @Test
    void chargerWithoutControl_isRefused() {
        Tap t = new Tap(
                ANNA,
                "ch-9",
                NOW,
                BERLIN,
                Optional.of(card(ANNA)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                false);
        assertThat(TapRules.decide(t).reason()).isEqualTo(Reason.NOT_CONTROLLED);
    }
}

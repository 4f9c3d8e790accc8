package org.hausmeter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hausmeter.ledger.HistoryReady;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** What the demo tells the operator at start: the warning on every interface, and when it is ready. */
class DemoStartupLogTest {

    @Test
    void allInterfaces_warnWithThePublicPasswords_loopbackAndOneAddressDoNot() {
        for (String any : new String[] {"0.0.0.0", "::", "[::]", " 0.0.0.0 "}) {
            assertThat(DemoBuilding.allInterfacesWarning(any))
                    .as(any)
                    .hasValueSatisfying(w -> assertThat(w)
                            .contains("all network interfaces")
                            .contains("hauswart / hauswart-demo")
                            .contains("anna / anna-demo")
                            .contains("HAUSMETER_HTTP_HOST=127.0.0.1"));
        }
        assertThat(DemoBuilding.allInterfacesWarning("127.0.0.1")).isEmpty();
        assertThat(DemoBuilding.allInterfacesWarning("192.168.1.5")).isEmpty();
        assertThat(DemoBuilding.allInterfacesWarning("::1")).isEmpty();
    }

    @Test
    void readyLine_namesTheHistoryDays() {
        HistoryReady h = new HistoryReady(Instant.parse("2025-11-19T23:00:00Z"), TestTime.PINNED);
        assertThat(DemoBills.readyLine(h, TestTime.BERLIN))
                .isEqualTo("Demo ready: simulated history from 2025-11-20 to 2026-11-20 and the demo bills are in;"
                        + " every page shows its data now");
    }
}

package org.hausmeter.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.persistence.Calibrations;

/** Caretaker API of the calibration register: the meters whose calibration has ended or ends soon. */
@Path("/api/calibration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class CalibrationResource {

    private final Calibrations calibrations;
    private final BuildingSettings settings;
    private final Clock clock;

    CalibrationResource(Calibrations calibrations, BuildingSettings settings, Clock clock) {
        this.calibrations = calibrations;
        this.settings = settings;
        this.clock = clock;
    }

    /** Installed meters whose calibration ended or ends within {@code months} (default 6) months, soonest first. */
    @GET
    @Path("due")
    public List<Calibrations.Due> due(@QueryParam("months") Integer months) {
        int m = months == null ? Calibrations.DUE_MONTHS : months;
        if (m < 0 || m > 120) {
            throw new LedgerException(LedgerException.Kind.INVALID, "[months] must be 0..120, not [" + m + "]");
        }
        return calibrations.due(LocalDate.now(clock.withZone(settings.current().zone())), m);
    }
}

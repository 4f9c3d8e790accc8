package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.hausmeter.allocation.AllocationKey;

/**
 * The changes of one scenario against the real year. Every part is optional: {@link #baseline()} changes nothing.
 *
 * @param name     shown in the comparison
 * @param pv       PV added to the building (none: empty list)
 * @param battery  a shared battery, or null
 * @param key      another allocation key for every month, or null for the key in force
 * @param shiftEv  whether EV sessions are moved into solar hours within their plug-in time
 * @param tariff   changed prices, or null
 * @param investment capital cost, lifetime, maintenance and discount rate, or null (no investment view)
 */
public record Scenario(
        String name,
        Pv pv,
        Battery battery,
        AllocationKey key,
        boolean shiftEv,
        TariffChange tariff,
        Investment investment) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A scenario needs a name");
        }
    }

    /** @return the real year, nothing changed */
    public static Scenario baseline() {
        return new Scenario("baseline", null, null, null, false, null, null);
    }

    /**
     * PV added to the building. Each addition is the building's own measured PV shape, scaled by
     * {@code kWp / existingKwp} and shifted by {@code shiftHours} (a second orientation: east −2 h, west +2 h).
     *
     * @param existingKwp the peak power of the existing plant, kWp (positive)
     * @param additions   the added plants
     */
    public record Pv(BigDecimal existingKwp, List<PvAddition> additions) {
        public Pv {
            Objects.requireNonNull(existingKwp, "existingKwp");
            if (existingKwp.signum() <= 0) {
                throw new IllegalArgumentException("pv.existingKwp must be positive, is " + existingKwp);
            }
            additions = List.copyOf(additions);
        }
    }

    /**
     * One added plant.
     *
     * @param kwp        its peak power, kWp (at most 3 decimals: whole W)
     * @param shiftHours whole hours its production is shifted against the existing plant's (0: same orientation)
     */
    public record PvAddition(BigDecimal kwp, int shiftHours) {
        public PvAddition {
            Objects.requireNonNull(kwp, "kwp");
            if (kwp.signum() < 0) {
                throw new IllegalArgumentException("pv addition kwp must not be negative, is " + kwp);
            }
            if (Math.abs(shiftHours) > 12) {
                throw new IllegalArgumentException("pv addition shiftHours must be within ±12, is " + shiftHours);
            }
        }
    }

    /**
     * A shared battery (no ageing).
     *
     * @param capacityKwh usable capacity, kWh
     * @param chargeKw    maximum charging power, kW
     * @param dischargeKw maximum discharging power, kW
     * @param roundTripEfficiency energy out / energy in over a full cycle, (0, 1]; the loss is taken when charging
     * @param minSoc      lowest state of charge as a fraction of the capacity, [0, 1)
     * @param standbyW    standby loss, W, taken from the stored energy while it is above the minimum
     */
    public record Battery(
            BigDecimal capacityKwh,
            BigDecimal chargeKw,
            BigDecimal dischargeKw,
            BigDecimal roundTripEfficiency,
            BigDecimal minSoc,
            BigDecimal standbyW) {
        public Battery {
            positive("battery.capacityKwh", capacityKwh);
            positive("battery.chargeKw", chargeKw);
            positive("battery.dischargeKw", dischargeKw);
            positive("battery.roundTripEfficiency", roundTripEfficiency);
            if (roundTripEfficiency.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                        "battery.roundTripEfficiency must be at most 1, is " + roundTripEfficiency);
            }
            Objects.requireNonNull(minSoc, "battery.minSoc");
            if (minSoc.signum() < 0 || minSoc.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("battery.minSoc must be in [0, 1), is " + minSoc);
            }
            Objects.requireNonNull(standbyW, "battery.standbyW");
            if (standbyW.signum() < 0) {
                throw new IllegalArgumentException("battery.standbyW must not be negative, is " + standbyW);
            }
        }

        private static void positive(String what, BigDecimal v) {
            Objects.requireNonNull(v, what);
            if (v.signum() <= 0) {
                throw new IllegalArgumentException(what + " must be positive, is " + v);
            }
        }
    }

    /**
     * New prices for every tariff version (null: unchanged). The grid price becomes one flat price.
     *
     * @param gridPrice   flat grid price per kWh
     * @param pvPrice     PV price per kWh
     * @param baseFeePerMonth base fee per month
     * @param evPvPrice   EV PV price per kWh
     * @param evGridPrice EV grid price per kWh
     * @param feedInPrice feed-in compensation per kWh
     */
    public record TariffChange(
            BigDecimal gridPrice,
            BigDecimal pvPrice,
            BigDecimal baseFeePerMonth,
            BigDecimal evPvPrice,
            BigDecimal evGridPrice,
            BigDecimal feedInPrice) {}

    /**
     * The investment behind a scenario.
     *
     * @param capitalCost        paid at the start
     * @param lifetimeYears      years of use (whole, ≥ 1)
     * @param maintenancePerYear paid at the end of every year
     * @param discountRate       per year, e.g. 0.03
     * @param gridPurchasePrice  what the co-op pays its supplier per kWh of grid import (values the import saved)
     */
    public record Investment(
            BigDecimal capitalCost,
            int lifetimeYears,
            BigDecimal maintenancePerYear,
            BigDecimal discountRate,
            BigDecimal gridPurchasePrice) {
        public Investment {
            Objects.requireNonNull(capitalCost, "investment.capitalCost");
            Objects.requireNonNull(maintenancePerYear, "investment.maintenancePerYear");
            Objects.requireNonNull(discountRate, "investment.discountRate");
            Objects.requireNonNull(gridPurchasePrice, "investment.gridPurchasePrice");
            if (lifetimeYears < 1 || lifetimeYears > 100) {
                throw new IllegalArgumentException("investment.lifetimeYears must be 1 to 100, is " + lifetimeYears);
            }
            if (capitalCost.signum() < 0 || maintenancePerYear.signum() < 0 || gridPurchasePrice.signum() < 0) {
                throw new IllegalArgumentException(
                        "investment.capitalCost, maintenancePerYear and gridPurchasePrice must not be negative");
            }
            if (discountRate.compareTo(BigDecimal.ONE.negate()) <= 0) {
                throw new IllegalArgumentException("investment.discountRate must be above -1, is " + discountRate);
            }
        }
    }
}

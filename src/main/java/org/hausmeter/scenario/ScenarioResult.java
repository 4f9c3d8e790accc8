package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * One scenario's figures over the replayed months. Energy in whole Wh, money in the tariff's currency at its
 * scale (cents), shares with 4 decimals HALF_UP (0 when the denominator is 0).
 *
 * @param name           the scenario
 * @param energy         the building's energy flows
 * @param money          the co-op's income and costs
 * @param apartments     per apartment, in allocation order
 * @param billSpread     min / median / max of the apartments' yearly gross bills
 * @param solarSpread    min / median / max of the apartments' solar shares
 * @param months         per month
 * @param bills          every tenancy period's draft (tenancy, month, gross), in month then input order
 * @param days           a typical summer and winter day (the days of June and of December, or of the months
 *                       nearest to them in the period, averaged per quarter hour of the day)
 * @param investment     the investment view against the baseline, or null
 */
public record ScenarioResult(
        String name,
        Energy energy,
        Money money,
        List<Apartment> apartments,
        Spread billSpread,
        Spread solarSpread,
        List<Month> months,
        List<Bill> bills,
        List<Day> days,
        InvestmentView investment) {

    /**
     * @param pvWh             PV produced (existing and added)
     * @param consumptionWh    consumption of all consumers (after EV shifting)
     * @param gridImportWh     drawn from the grid
     * @param feedInWh         fed into the grid
     * @param selfConsumedWh   PV not fed in (used directly or stored)
     * @param batteryInWh      charged
     * @param batteryOutWh     discharged
     * @param batteryLossWh    lost in charging and standby
     * @param allocatedWh      local energy (PV and battery) allocated to consumers under the key
     * @param selfConsumption  self-consumed / produced
     * @param selfSufficiency  (consumption − import) / consumption
     * @param shiftedSessions  EV sessions moved into solar hours
     */
    public record Energy(
            long pvWh,
            long consumptionWh,
            long gridImportWh,
            long feedInWh,
            long selfConsumedWh,
            long batteryInWh,
            long batteryOutWh,
            long batteryLossWh,
            long allocatedWh,
            BigDecimal selfConsumption,
            BigDecimal selfSufficiency,
            int shiftedSessions) {}

    /**
     * @param currency        ISO code
     * @param billsGross      the tenants' bills, gross
     * @param billsNet        the tenants' bills, net
     * @param pvIncome        net of the bills' PV lines (pv.energy, common.pv): the co-op's income for local energy
     * @param feedInRevenue   feed-in × feed-in price, per month (rounded once per month)
     * @param batteryLossValue the battery's losses at the feed-in price (what they would have earned fed in)
     * @param gridPurchaseCost grid import × the investment's purchase price (0 without an investment)
     */
    public record Money(
            String currency,
            BigDecimal billsGross,
            BigDecimal billsNet,
            BigDecimal pvIncome,
            BigDecimal feedInRevenue,
            BigDecimal batteryLossValue,
            BigDecimal gridPurchaseCost) {}

    /**
     * @param code          apartment code
     * @param consumptionWh its consumption
     * @param localWh       local energy (PV and battery) allocated to it
     * @param solarShare    localWh / consumptionWh
     * @param billsGross    its tenants' bills over the period, gross
     */
    public record Apartment(
            String code, long consumptionWh, long localWh, BigDecimal solarShare, BigDecimal billsGross) {}

    /** Lowest, median (mean of the middle two for an even count, HALF_UP) and highest. */
    public record Spread(BigDecimal min, BigDecimal median, BigDecimal max) {}

    /** One month's flows. */
    public record Month(
            YearMonth month,
            long pvWh,
            long consumptionWh,
            long gridImportWh,
            long feedInWh,
            long batteryInWh,
            long batteryOutWh,
            BigDecimal billsGross) {}

    /**
     * One tenancy period's bill.
     *
     * @param tenancyId the tenancy
     * @param apartment the apartment code
     * @param month     the month
     * @param net       net
     * @param gross     gross
     */
    public record Bill(long tenancyId, String apartment, YearMonth month, BigDecimal net, BigDecimal gross) {}

    /**
     * A typical day: per quarter hour of the local day (96), the mean over the month's days of that quarter hour
     * (a DST day's extra or missing quarter hours are left out), whole Wh HALF_UP.
     *
     * @param label          "summer" or "winter"
     * @param month          the month averaged
     * @param pvWh           PV
     * @param consumptionWh  consumption
     * @param gridImportWh   grid import
     * @param feedInWh       feed-in
     * @param socWh          battery state of charge at the quarter hour's end
     */
    public record Day(
            String label,
            YearMonth month,
            long[] pvWh,
            long[] consumptionWh,
            long[] gridImportWh,
            long[] feedInWh,
            long[] socWh) {}

    /**
     * The investment against the baseline (the real year).
     *
     * @param capitalCost    paid at the start
     * @param lifetimeYears  years
     * @param maintenancePerYear per year
     * @param discountRate   per year
     * @param yearlySaving   (baseline import − import) × purchase price + (feed-in revenue − baseline's), before
     *                       maintenance
     * @param yearlyCashFlow saving − maintenance
     * @param simplePaybackYears capital / cash flow, 1 decimal; null when the cash flow is not positive
     * @param npv            −capital + Σ cash flow / (1 + r)^y over the lifetime, to the cent
     * @param irr            the rate at which the NPV is 0, 4 decimals; null when there is none in (−99 %, 1000 %)
     * @param residentsBillChange the tenants' bills (gross) minus the baseline's
     */
    public record InvestmentView(
            BigDecimal capitalCost,
            int lifetimeYears,
            BigDecimal maintenancePerYear,
            BigDecimal discountRate,
            BigDecimal yearlySaving,
            BigDecimal yearlyCashFlow,
            BigDecimal simplePaybackYears,
            BigDecimal npv,
            BigDecimal irr,
            BigDecimal residentsBillChange) {}
}

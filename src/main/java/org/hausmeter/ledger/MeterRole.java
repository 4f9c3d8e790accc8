package org.hausmeter.ledger;

/**
 * What a meter measures. GRID is the bidirectional building connection (import = bought,
 * export = fed in); PV counts production; the others are consumers in the PV allocation.
 */
public enum MeterRole {
    APARTMENT,
    PV,
    GRID,
    COMMON,
    CHARGER
}

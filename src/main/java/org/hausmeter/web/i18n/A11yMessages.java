package org.hausmeter.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the charts' accessible descriptions and table alternatives (kiosk, meter, billing report, allocation
 * keys, the resident's heat map) and of the report's explanations of measured against allocated figures:
 * {@code {ax:key}}. German (the default) in messages/ax_de.properties, English in messages/ax_en.properties, same
 * keys. A bundle of its own, so this work does not touch the large bundles.
 */
@MessageBundle(value = "ax", locale = "de")
public interface A11yMessages {

    /** Summary of the details element that holds a chart's values as a table. */
    @Message
    String table_show();

    @Message
    String col_hour();

    @Message
    String col_pv();

    @Message
    String col_consumption();

    @Message
    String col_import();

    @Message
    String col_export();

    @Message
    String no_value();

    /** The only row of a day chart's table when the day has no values. */
    @Message
    String no_values();

    /** The kiosk's line chart: what it shows and today's totals. */
    @Message
    String kiosk_chart_desc(String pv, String consumption);

    /** A meter's day chart. */
    @Message
    String meter_chart_desc(String meter, String imported, String exported);

    /** The month report's stacked bars. */
    @Message
    String report_chart_desc();

    @Message
    String report_col_row();

    @Message
    String report_col_part();

    /** The allocation keys' grouped bars. */
    @Message
    String keys_chart_desc();

    @Message
    String keys_col_apartment();

    @Message
    String keys_col_key();

    // The resident's heat map: its table alternative by month (the squares are not tab stops).
    @Message
    String heat_table_show();

    @Message
    String heat_col_month();

    @Message
    String heat_col_total();

    @Message
    String heat_col_days();

    @Message
    String heat_col_top();

    @Message
    String heat_top_day(String day, String total);

    // The month report: measured figures against allocated ones.
    @Message
    String report_explain_heading();

    @Message
    String report_col_measured();

    @Message
    String report_col_allocated();

    @Message
    String report_consumption_row();

    @Message
    String report_consumption_why(String difference);

    @Message
    String report_pv_row();

    @Message
    String report_pv_why(String difference);

    @Message
    String report_export_row();

    @Message
    String report_export_why(String difference);

    @Message
    String report_same();
}

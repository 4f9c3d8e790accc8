package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the caretaker's OCPP wallbox page: {@code {op:key}}. German (the default) in messages/op_de.properties,
 * English in messages/op_en.properties, same keys. A bundle of its own so the console's large bundles stay as they are.
 */
@MessageBundle(value = "op", locale = "de")
public interface OcppPageMessages {

    @Message
    String title();

    @Message
    String lead();

    @Message
    String chargers_link();

    @Message
    String none();

    @Message
    String status(String name);

    @Message
    String connected();

    @Message
    String offline();

    @Message
    String col_state();

    @Message
    String col_device();

    @Message
    String col_seen();

    @Message
    String col_password();

    @Message
    String password_set();

    @Message
    String password_missing();

    @Message
    String col_connector();

    @Message
    String col_status();

    @Message
    String col_power();

    @Message
    String col_energy();

    @Message
    String col_transaction();

    @Message
    String col_key();

    @Message
    String col_value();

    @Message
    String col_readonly();

    @Message
    String no_connectors();

    @Message
    String open_tx(int id, String card, String start);

    @Message
    String accept();

    @Message
    String reject();

    @Message
    String password();

    @Message
    String password_hint(int min);

    @Message
    String set_password();

    @Message
    String generate();

    @Message
    String accept_generate();

    @Message
    String commands();

    @Message
    String card();

    @Message
    String connector();

    @Message
    String transaction();

    @Message
    String remote_start();

    @Message
    String remote_stop();

    @Message
    String unlock();

    @Message
    String reset();

    @Message
    String reset_soft();

    @Message
    String reset_hard();

    @Message
    String confirm_reset();

    @Message
    String confirm_reject();

    @Message
    String read_config();

    @Message
    String config_title(String id);

    @Message
    String unknown_keys(String keys);

    @Message
    String key();

    @Message
    String value();

    @Message
    String change_config();

    @Message
    String bad_number(String field);

    @Message
    String bad_reset();

    @Message
    String unknown(String id);

    @Message
    String not_connected(String id);

    @Message
    String no_answer(String id, String action);

    @Message
    String call_error(String id, String action, String code, String message);

    @Message
    String done_accepted(String id);

    @Message
    String done_accepted_generated(String id, String password);

    @Message
    String done_rejected(String id);

    @Message
    String done_password(String id);

    @Message
    String done_password_generated(String id, String password);

    @Message
    String done_command(String id, String action, String status);

    @Message
    String nav_link();

    @Message
    String reason();

    @Message
    String end_stuck();

    @Message
    String end_stuck_hint();

    @Message
    String confirm_end();

    @Message
    String done_session_ended(String id);

    @Message
    String done_session_flagged(String id);
}

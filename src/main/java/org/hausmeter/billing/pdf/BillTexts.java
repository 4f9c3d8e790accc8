package org.hausmeter.billing.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of a bill in one language, from {@code templates/bill/messages_<lang>.properties} (UTF-8).
 * Placeholders are written {@code <name>} and replaced by {@link #get(String, Map)}; a missing key or an
 * unreplaced placeholder is an error, never a blank on a bill.
 */
final class BillTexts {

    /** Class-path folder of the bill layout (the repository's templates/bill/). */
    static final String ROOT = "templates/bill/";

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");

    private final String source;
    private final Properties messages;

    private BillTexts(String source, Properties messages) {
        this.source = source;
        this.messages = messages;
    }

    static BillTexts load(ClassLoader loader, String language) {
        String name = ROOT + "messages_" + language + ".properties";
        return new BillTexts(name, loadProperties(loader, name));
    }

    static Properties loadProperties(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Bill layout file [" + name + "] is not on the class path");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bill layout file [" + name + "]", e);
        }
    }

    /** @return the keys, sorted */
    TreeSet<String> keys() {
        return new TreeSet<>(messages.stringPropertyNames());
    }

    boolean has(String key) {
        return messages.getProperty(key) != null;
    }

    String get(String key) {
        return get(key, Map.of());
    }

    /**
     * @param key    the message key
     * @param values placeholder name → value
     * @return the text with every placeholder replaced
     * @throws IllegalStateException when the key is missing or a placeholder has no value
     */
    String get(String key, Map<String, String> values) {
        String text = messages.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("Message [" + key + "] is missing in [" + source + "]");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("Message [" + key + "] in [" + source + "] uses placeholder <"
                        + m.group(1) + ">, which this text does not provide; it provides " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    String source() {
        return source;
    }
}

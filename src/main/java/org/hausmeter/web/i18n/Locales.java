package org.hausmeter.web.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages of the pages: German (the default) and English. Pure helpers.
 * <p>
 * A page's language is a language tag ({@code de}, {@code en}); numbers and dates are formatted with
 * {@link #formatting(Locale)}: German conventions for {@code de}, British ones for {@code en}
 * (24-hour clock, day before month, as a reader in a German building expects).
 */
public final class Locales {

    public static final Locale GERMAN = Locale.GERMAN;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale DEFAULT = GERMAN;
    public static final List<Locale> SUPPORTED = List.of(GERMAN, ENGLISH);

    private Locales() {}

    /** The supported language named by {@code tag} ("de", "en", "en-US", …), if any. */
    public static Optional<Locale> supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The best supported language of an Accept-Language header, by the header's q-values. */
    public static Optional<Locale> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                Optional<Locale> l = supported(range.getRange().equals("*") ? DEFAULT.getLanguage() : range.getRange());
                if (l.isPresent()) {
                    return l;
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The locale for number, currency and date formats of a page language. */
    public static Locale formatting(Locale language) {
        if (language != null && language.getLanguage().equals("en")) {
            return Locale.UK;
        }
        return Locale.GERMANY;
    }

    /** A template's locale attribute (a Locale or a tag) as a supported language; the default when absent. */
    public static Locale of(Object attribute) {
        if (attribute instanceof Locale l) {
            return supported(l.toLanguageTag()).orElse(DEFAULT);
        }
        return attribute == null ? DEFAULT : supported(attribute.toString()).orElse(DEFAULT);
    }
}

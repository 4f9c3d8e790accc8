package org.hausmeter.web.caretaker;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.List;
import java.util.Locale;
import org.hausmeter.ledger.csv.ImportProblem;
import org.hausmeter.web.i18n.Locales;

/**
 * An import problem in the page's language: {@code {p.text}} in a template. Rendered from the problem's code and
 * values where it has a code; the parser's English reason where it has none yet (the problems of rarer kinds).
 */
public final class ImportProblemTexts {

    private ImportProblemTexts() {}

    @TemplateExtension
    static String text(ImportProblem p, @TemplateAttribute("locale") Object locale) {
        return text(p, Locales.of(locale));
    }

    public static String text(ImportProblem p, Locale locale) {
        if (p.code() == null) {
            return p.reason();
        }
        ImportProblemMessages ip =
                MessageBundles.get(ImportProblemMessages.class, Localized.Literal.of(locale.getLanguage()));
        List<String> a = p.args();
        return ip.text(p.code(), arg(a, 0), arg(a, 1), arg(a, 2));
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() && args.get(i) != null ? args.get(i) : "";
    }
}

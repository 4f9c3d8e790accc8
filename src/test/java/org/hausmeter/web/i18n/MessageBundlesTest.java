package org.hausmeter.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hausmeter.web.caretaker.BackupMessages;
import org.hausmeter.web.caretaker.CaretakerBillingMessages;
import org.hausmeter.web.caretaker.CaretakerMessages;
import org.hausmeter.web.caretaker.MeterRegisterMessages;
import org.hausmeter.web.caretaker.MsconsMessages;
import org.hausmeter.web.resident.ResidentMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The message bundles and their properties files cannot drift apart: every method of a bundle has a text in German
 * (messages/NAME_de.properties, the default locale) and in English (NAME_en.properties), no file has a key no method
 * reads (a renamed method would leave it behind, and a missing English key silently falls back to German), and every
 * value a text uses ({@code {min}}, {@code {#if cancelled}}) is a parameter of its method.
 */
class MessageBundlesTest {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\{(#(?:if|when|switch|is|case)\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

    @ParameterizedTest
    @ValueSource(
            classes = {
                Msg.class,
                ResidentMessages.class,
                CaretakerMessages.class,
                CaretakerBillingMessages.class,
                BackupMessages.class,
                MsconsMessages.class,
                org.hausmeter.web.caretaker.OcppPageMessages.class,
                org.hausmeter.web.i18n.A11yMessages.class,
                MeterRegisterMessages.class,
                org.hausmeter.web.caretaker.ScenarioMessages.class,
                org.hausmeter.web.resident.ResidentPageMessages.class,
                org.hausmeter.web.resident.PowerMessages.class,
                org.hausmeter.web.caretaker.ServiceErrorMessages.class,
                org.hausmeter.web.caretaker.ImportProblemMessages.class,
                org.hausmeter.web.caretaker.AuditMessages.class,
                org.hausmeter.web.caretaker.DecisionMessages.class,
                org.hausmeter.web.resident.ExportMessages.class
            })
    void everyMethod_hasGermanAndEnglishText_andEveryKeyHasAMethod(Class<?> bundle) throws IOException {
        String name = bundle.getAnnotation(MessageBundle.class).value();
        Set<String> methods = Arrays.stream(bundle.getMethods())
                .filter(m -> m.isAnnotationPresent(Message.class))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(methods).as(name + " methods").isNotEmpty();
        for (String lang : List.of("de", "en")) {
            Properties texts = load("messages/" + name + "_" + lang + ".properties");
            Set<String> keys = new TreeSet<>(texts.stringPropertyNames());
            Set<String> missing = new TreeSet<>(methods);
            missing.removeAll(keys);
            Set<String> unused = new TreeSet<>(keys);
            unused.removeAll(methods);
            assertThat(missing)
                    .as(name + "_" + lang + ".properties lacks texts for these methods")
                    .isEmpty();
            assertThat(unused)
                    .as(name + "_" + lang + ".properties has keys no method of " + bundle.getSimpleName() + " reads")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                Msg.class,
                ResidentMessages.class,
                CaretakerMessages.class,
                CaretakerBillingMessages.class,
                BackupMessages.class,
                MsconsMessages.class,
                org.hausmeter.web.caretaker.OcppPageMessages.class,
                org.hausmeter.web.i18n.A11yMessages.class,
                MeterRegisterMessages.class,
                org.hausmeter.web.caretaker.ScenarioMessages.class,
                org.hausmeter.web.resident.ResidentPageMessages.class,
                org.hausmeter.web.resident.PowerMessages.class,
                org.hausmeter.web.caretaker.ServiceErrorMessages.class,
                org.hausmeter.web.caretaker.ImportProblemMessages.class,
                org.hausmeter.web.caretaker.AuditMessages.class,
                org.hausmeter.web.caretaker.DecisionMessages.class,
                org.hausmeter.web.resident.ExportMessages.class
            })
    void everyValueATextUses_isAParameterOfItsMethod(Class<?> bundle) throws IOException {
        String name = bundle.getAnnotation(MessageBundle.class).value();
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("de", "en")) {
            Properties texts = load("messages/" + name + "_" + lang + ".properties");
            for (Method m : bundle.getMethods()) {
                String text = texts.getProperty(m.getName());
                if (text == null || !m.isAnnotationPresent(Message.class)) {
                    continue;
                }
                Set<String> params =
                        Arrays.stream(m.getParameters()).map(Parameter::getName).collect(Collectors.toSet());
                Matcher x = EXPRESSION.matcher(text);
                while (x.find()) {
                    if (!params.contains(x.group(2))) {
                        problems.add(name + "_" + lang + ": " + m.getName() + " uses {" + x.group(2) + "}, parameters "
                                + params);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}

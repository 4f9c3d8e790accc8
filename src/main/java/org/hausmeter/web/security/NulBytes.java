package org.hausmeter.web.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * A NUL character in submitted text is refused with 400 before any resource sees it: PostgreSQL stores no NUL in
 * text (it answered 500), and no name, note or label needs one. {@link MalformedRequests} covers the URI; this
 * covers the body: every field of a form (file parts excepted: an import reads its file itself and names the line)
 * and every JSON string ({@link Strings}, whose refusal {@link org.hausmeter.web.ApiErrors} answers as 400 with the
 * field's path).
 */
public class NulBytes {

    /** Refuses a form with a NUL in any of its fields. */
    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null
                || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return null;
        }
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form == null) {
            return null;
        }
        for (String name : form) {
            for (FormValue v : form.get(name)) {
                if (!v.isFileItem() && v.getValue() != null && v.getValue().indexOf('\0') >= 0) {
                    return Response.status(Response.Status.BAD_REQUEST)
                            .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                            .header("Cache-Control", "no-store")
                            .entity("Bad request: the field [" + printable(name)
                                    + "] contains a NUL character; nothing was "
                                    + "saved.\nUngültige Anfrage: Das Feld [" + printable(name)
                                    + "] enthält ein NUL-Zeichen; "
                                    + "nichts wurde gespeichert.\n")
                            .build();
                }
            }
        }
        return null;
    }

    private static String printable(String name) {
        String n = name.length() > 40 ? name.substring(0, 40) : name;
        return n.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    /** JSON strings with a NUL are refused while the body is read (a 400 naming the field, see ApiErrors). */
    @Singleton
    public static class Strings implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFree()));
        }
    }

    static final class NulFree extends StdScalarDeserializer<String> {
        NulFree() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, s, "contains a NUL character");
            }
            return s;
        }
    }
}

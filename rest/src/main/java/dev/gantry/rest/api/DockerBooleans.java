package dev.gantry.rest.api;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Docker's boolean query parameters: the CLI sends {@code 1} ({@code rm=1}, {@code force=1}), other clients
 * {@code true}; both mean true, as in dockerd's {@code httputils.BoolValue}. Plain JAX-RS reads {@code 1} as false.
 */
@Provider
public class DockerBooleans implements ParamConverterProvider {
    /** dockerd's {@code BoolValue}: anything but empty, 0, no, false and none is true. One rule for every route. */
    public static boolean parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
    }

    private static final ParamConverter<Boolean> CONVERTER = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            return value == null ? null : parse(value);
        }

        @Override
        public String toString(Boolean value) {
            return value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Boolean.class || rawType == boolean.class ? (ParamConverter<T>) CONVERTER : null;
    }
}

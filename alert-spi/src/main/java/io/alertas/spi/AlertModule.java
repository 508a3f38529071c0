package io.alertas.spi;

import java.util.List;

/**
 * A plugin jar's entry point: a named set of alerts, found with {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar lists its implementation in
 * {@code META-INF/services/io.alertas.spi.AlertModule}; the class needs a public no-argument
 * constructor. Neither method may return null. {@link #alerts()} is called once per run, before
 * anything is sent to Elasticsearch; an exception thrown there disables this module only and is reported
 * with the jar it came from.
 */
public interface AlertModule {

    /** A short, stable name for the module, such as {@code "security"}; shown by {@code list}. */
    String name();

    /** The alerts this module defines; each name must be unique across every loaded module. */
    List<AlertDefinition> alerts();
}

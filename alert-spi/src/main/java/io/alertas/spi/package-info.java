/**
 * What plugin authors implement: {@link io.alertas.spi.AlertModule} for alerts and
 * {@link io.alertas.spi.MediumProvider} for media, both found with {@link java.util.ServiceLoader},
 * and the value types they exchange with a pass. Uses only the JDK and Jackson's tree model.
 */
package io.alertas.spi;

package io.attain.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a {@link BigDecimal} as a JSON string in plain notation ({@code "1000000"}, never
 * {@code "1E+6"}), whatever mapper serialises it. The event schemas accept plain decimals only, and
 * {@code BigDecimal.toString()} switches to exponent notation for negative scales and very small values.
 */
public final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

    public PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(value.toPlainString());
    }
}

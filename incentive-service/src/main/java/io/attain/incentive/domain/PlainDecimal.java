package io.attain.incentive.domain;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.attain.events.PlainDecimalSerializer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A percentage, rate or factor written as a plain decimal string ({@code "1.5"}, never {@code 1.5} or
 * {@code "1.5E0"}), like every exact figure in Attain's JSON. Reading accepts a string or a JSON number.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonFormat(shape = JsonFormat.Shape.STRING)
@JsonSerialize(using = PlainDecimalSerializer.class)
public @interface PlainDecimal {
}

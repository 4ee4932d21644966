package io.attain.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;

/** A share of a deal's credit: {@code percent} of the amount goes to {@code memberId} (a Keycloak user id). */
public record CreditSplit(
        String memberId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal percent) {
}

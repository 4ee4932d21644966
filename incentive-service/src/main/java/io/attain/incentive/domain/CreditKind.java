package io.attain.incentive.domain;

/** A credit entry either credits a member with part of a deal, or reverses an earlier credit in full. */
public enum CreditKind {
    CREDIT, REVERSAL
}

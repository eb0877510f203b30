package dev.pplsim.model;

/** One named bit of an ACCESS_MASK: its value and its SDK name side by side. */
public interface AccessRight {
    int mask();
    String sdkName();
}

/**
 * An independent, plain-Java reference implementation of the PP/PPL open decision, written from
 * {@code /work/shared/spec/windows-protection.md} alone (no rules, no policy files, no engine code).
 * The differential and law tests compare the Drools engine against it. Test code only.
 */
package dev.pplsim.reference;

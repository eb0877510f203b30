package dev.pplsim.junit;

import dev.pplsim.engine.Creation;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;
import dev.pplsim.request.Spelling;

/** Assertions on one {@link Creation}; each returns this, so they chain. Made by {@link PplsimAssertions#assertThat(Creation)}. */
public final class CreationAssert {

    private final Creation c;

    CreationAssert(Creation c) {
        this.c = c;
    }

    /** The creation succeeded: a child runs. */
    public CreationAssert succeeds() {
        if (!c.status().isSuccess()) throw fail("expected the creation to succeed, but it failed with " + c.status().name());
        return this;
    }

    /** The creation failed: no child. */
    public CreationAssert fails() {
        if (c.status().isSuccess()) throw fail("expected the creation to fail, but the child runs as " + c.child());
        return this;
    }

    /** The status, by its name: {@code STATUS_INVALID_IMAGE_HASH}, ... */
    public CreationAssert withStatus(String status) {
        NtStatus wanted = Failure.status(status);
        if (c.status() != wanted) throw fail("expected status " + wanted.name() + ", but was " + c.status().name());
        return this;
    }

    /** The child runs with this protection ({@code WinTcb-Light}, {@code 0x61}, {@code None}). */
    public CreationAssert withChild(String protection) {
        PsProtection wanted = Spelling.protection(protection);
        succeeds();
        if (c.child().value() != wanted.value()) throw fail("expected the child to run as " + wanted + ", but it runs as " + c.child());
        return this;
    }

    /** The process handle the creator gets back has exactly this access. */
    public CreationAssert withProcessAccess(int mask) {
        succeeds();
        if (c.processAccess() != mask) throw fail("expected process access " + SdkNames.hex(mask) + ", but was " + SdkNames.hex(c.processAccess()));
        return this;
    }

    /** The thread handle the creator gets back has exactly this access. */
    public CreationAssert withThreadAccess(int mask) {
        succeeds();
        if (c.threadAccess() != mask) throw fail("expected thread access " + SdkNames.hex(mask) + ", but was " + SdkNames.hex(c.threadAccess()));
        return this;
    }

    /** The rule with this id fired (the creation rules' ids are C.., in {@code rules/create/}). */
    public CreationAssert by(String ruleId) {
        if (!c.rules().contains(ruleId)) throw fail("expected rule " + ruleId + " to fire, but the rules that fired were " + c.rules());
        return this;
    }

    /** The creation asserted on. */
    public Creation creation() {
        return c;
    }

    private AssertionError fail(String wanted) {
        return Failure.of(wanted, c, CreationRender.CREATION);
    }
}

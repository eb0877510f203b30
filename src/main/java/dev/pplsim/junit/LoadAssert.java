package dev.pplsim.junit;

import dev.pplsim.engine.Load;
import dev.pplsim.explain.LoadRender;
import dev.pplsim.model.NtStatus;

/** Assertions on one image {@link Load}; each returns this, so they chain. Made by {@link PplsimAssertions#assertThat(Load)}. */
public final class LoadAssert {

    private final Load l;

    LoadAssert(Load l) {
        this.l = l;
    }

    /** The image is mapped (STATUS_SUCCESS). */
    public LoadAssert isAllowed() {
        if (!l.status().isSuccess()) throw fail("expected the image to load, but it was refused with " + l.status().name());
        return this;
    }

    /** The image is refused. */
    public LoadAssert isRefused() {
        if (l.status().isSuccess()) throw fail("expected the image to be refused, but it loads");
        return this;
    }

    /** The status, by its name: {@code STATUS_INVALID_IMAGE_HASH}, ... */
    public LoadAssert withStatus(String status) {
        NtStatus wanted = Failure.status(status);
        if (l.status() != wanted) throw fail("expected status " + wanted.name() + ", but was " + l.status().name());
        return this;
    }

    /** The rule with this id fired (the load rules' ids are L.., in {@code rules/load/}). */
    public LoadAssert by(String ruleId) {
        if (!l.rules().contains(ruleId)) throw fail("expected rule " + ruleId + " to fire, but the rules that fired were " + l.rules());
        return this;
    }

    /** The load asserted on. */
    public Load load() {
        return l;
    }

    private AssertionError fail(String wanted) {
        return Failure.of(wanted, l, LoadRender.LOAD);
    }
}

package dev.pplsim.junit;

import dev.pplsim.engine.Decision;
import dev.pplsim.model.AccessRight;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;

import java.util.Arrays;

/** Assertions on one open's {@link Decision}; each returns this, so they chain. Made by {@link PplsimAssertions#assertThat(Decision)}. */
public final class DecisionAssert {

    private final Decision d;

    DecisionAssert(Decision d) {
        this.d = d;
    }

    /** The open succeeded (STATUS_SUCCESS), whatever it granted. */
    public DecisionAssert isGranted() {
        if (!d.status().isSuccess()) throw Failure.of("expected the open to succeed, but it was refused with " + d.status().name(), d);
        return this;
    }

    /** The open was refused: any status but STATUS_SUCCESS (an open fails whole; nothing is granted). */
    public DecisionAssert isDenied() {
        if (d.status().isSuccess()) throw Failure.of("expected the open to be refused, but it succeeded with " + d.grantedHex() + " " + names(d.granted()), d);
        return this;
    }

    /** The status, by its name: {@code STATUS_ACCESS_DENIED}, {@code STATUS_PROCESS_IS_PROTECTED}, ... */
    public DecisionAssert withStatus(String status) {
        NtStatus wanted = Failure.status(status);
        return withStatus(wanted);
    }

    /** The status. */
    public DecisionAssert withStatus(NtStatus status) {
        if (d.status() != status) throw Failure.of("expected status " + status.name() + ", but was " + d.status().name(), d);
        return this;
    }

    /** Exactly this granted mask (0 when refused). */
    public DecisionAssert withMask(int mask) {
        if (d.granted() != mask) {
            throw Failure.of("expected granted " + SdkNames.hex(mask) + " " + names(mask) + ", but was " + d.grantedHex() + " " + names(d.granted()), d);
        }
        return this;
    }

    /** Every one of these rights is granted (others may be too). */
    public DecisionAssert grants(AccessRight... rights) {
        int wanted = mask(rights);
        if ((d.granted() & wanted) != wanted) {
            throw Failure.of("expected " + names(wanted) + " granted, but " + names(wanted & ~d.granted()) + " is not (granted " + d.grantedHex() + " " + names(d.granted()) + ")", d);
        }
        return this;
    }

    /** None of these rights is granted. */
    public DecisionAssert doesNotGrant(AccessRight... rights) {
        int unwanted = mask(rights);
        if ((d.granted() & unwanted) != 0) {
            throw Failure.of("expected " + names(unwanted) + " not granted, but " + names(d.granted() & unwanted) + " is (granted " + d.grantedHex() + ")", d);
        }
        return this;
    }

    /** The rule with this id fired for the decision (its ids are in {@code rules/}, e.g. R50.5: the protection table's veto). */
    public DecisionAssert by(String ruleId) {
        if (!d.rules().contains(ruleId)) throw Failure.of("expected rule " + ruleId + " to fire, but the rules that fired were " + d.rules(), d);
        return this;
    }

    /** The decision asserted on. */
    public Decision decision() {
        return d;
    }

    private static int mask(AccessRight... rights) {
        if (rights.length == 0) throw new IllegalArgumentException("no rights given");
        return Arrays.stream(rights).mapToInt(AccessRight::mask).reduce(0, (a, b) -> a | b);
    }

    private String names(int mask) {
        return mask == 0 ? "(nothing)" : SdkNames.rightNames(mask, d.query().object());
    }
}

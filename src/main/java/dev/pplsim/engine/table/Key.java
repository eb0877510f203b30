package dev.pplsim.engine.table;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;

/** Everything of a query but the access asked: what the protection stages (30-80) can see. */
public record Key(String build, ObjectKind object, int caller, int target, AccessMode mode, boolean force, Relation relation) {

    // the record's default hash collides badly over small byte values; spread the fields instead
    @Override
    public int hashCode() {
        int h = build.hashCode();
        h = h * 0x9E3779B1 + ((caller << 8) | target);
        h = h * 0x9E3779B1 + (object.ordinal() << 6 | mode.ordinal() << 4 | (force ? 8 : 0) | relation.ordinal());
        return h ^ (h >>> 16);
    }

    /** The key of a query (its access and any token aside). */
    public static Key of(AccessQuery q) {
        return new Key(q.build(), q.object(), q.caller().value(), q.target().value(), q.mode(), q.forceAccessCheck(), q.relation());
    }

    public AccessQuery query(int desired) {
        return new AccessQuery(new PsProtection(caller), false, new PsProtection(target), object, desired, mode, force,
                relation, build, null, null, false);
    }
}

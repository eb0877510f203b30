package dev.pplsim.engine.fact;

import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtection;

/**
 * One image load as the loader and the memory manager see it (spec §12.8): the process, the image and where its
 * section comes from. Identity is the id, as for {@link CreateRequest}.
 */
public record LoadRequest(long id, LoadQuery query) implements Described {

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadRequest other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    public PsProtection process() { return query.process(); }
    public int processType() { return query.process().type(); }
    public int processSigner() { return query.process().signer(); }
    public ImageSpec image() { return query.image(); }
    public ImageSource source() { return query.source(); }
    public Integer statedSectionLevel() { return query.sectionSignatureLevel(); }
    public boolean pageHashes() { return query.pageHashes(); }
    public boolean pagesModified() { return query.pagesModified(); }

    /** Whether the image's EKUs (when given) hold this OID. */
    public boolean carries(String oid) {
        return query.image().ekus() != null && query.image().ekus().contains(oid);
    }

    @Override
    public String describe() {
        return "a load of " + query.image().path() + " from " + query.source().kernelName() + " into a " + query.process() + " process";
    }
}

package dev.pplsim.api;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.Counterfactuals;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.LoadRender;
import dev.pplsim.explain.Render;
import dev.pplsim.jobs.BatchRunner;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * pplsim as a library: the policies and rules, and the build (or what-if, or system catalog) that requests are
 * decided on. Every answer is the engine's ({@link Simulator}): the same rules, readers and checks as the command
 * line, so a test written here agrees with {@code pplsim decide}, {@code create}, {@code load} and {@code batch}.
 *
 * <p>Immutable and thread-safe. The first decision builds the rule base (about 0.3 s); every {@code with...} keeps
 * the rules compiled and only swaps data, so keep one instance (the JUnit extension {@code @PplsimOracle} keeps one
 * per JVM). Bad input (an unknown spelling, a build without a table row, a missing file) throws
 * {@link InputException}, whose message names the field or file and line.
 */
public final class Pplsim {

    private final Simulator sim;
    /** The build requests without one are decided on; null: each request's own (windows-10-11 by default). */
    private final String build;
    /** The catalog whose processes opens name, or null: opens name protections. */
    private final SystemCatalog system;
    /** Whether {@code sim} holds an overlay's creation switches, which a further what-if must keep. */
    private final String shown;

    private Pplsim(Simulator sim, String build, SystemCatalog system, String shown) {
        this.sim = sim;
        this.build = build;
        this.system = system;
        this.shown = shown;
    }

    /** The policies and rules built into the jar, the rules compiled once per JVM. */
    public static Pplsim builtIn() {
        return new Pplsim(Simulator.builtIn(), null, null, "built-in policies and rules");
    }

    /**
     * The policies and rules of two directories, as {@code pplsim --policies DIR --rules DIR} reads them: the rules'
     * prebuilt executable model when the DRL files are the ones built into the jar, else compiled now (seconds).
     *
     * @param policies a policies directory ({@code object-types.yaml}, {@code builds/}, ...), or null for the built-in one
     * @param rules    a rules directory ({@code NN-*.drl}), or null for the built-in rules
     */
    public static Pplsim load(Path policies, Path rules) {
        PolicySet p = policies == null ? PolicySet.builtIn() : PolicySet.load(policies);
        RuleBase r = rules == null ? RuleBase.builtIn() : RuleBase.load(rules);
        return new Pplsim(new Simulator(p, r), null, null,
                (policies == null ? "built-in policies" : PolicySet.shown(policies)) + ", " + (rules == null ? "built-in rules" : PolicySet.shown(rules)));
    }

    /** The policies of a directory with the built-in rules: {@code load(policies, null)}. */
    public static Pplsim load(Path policies) {
        return load(policies, null);
    }

    /**
     * Requests that name no build are decided on this one: a build's name ({@code windows-10-early}), or a YAML file
     * that holds a build (a copy of {@code policies/builds/*.yaml} for a what-if) or an overlay of a build
     * ({@code policies/whatif/}). A relative file is looked up in the working directory, then in the policies
     * directory ({@code whatif/lsass-runasppl-off.yaml} finds the built-in one). On a system catalog, its processes are
     * then decided on this build.
     *
     * @throws InputException for an unknown build or an unreadable or invalid file
     */
    public Pplsim withBuild(String nameOrFile) {
        if (!yaml(nameOrFile)) {
            sim.policies().build(nameOrFile);
            return new Pplsim(sim, nameOrFile, system, shown + ", build " + nameOrFile);
        }
        Overlay.World w = Overlay.resolve(sim.policies(), locate(nameOrFile));
        if (w.system() != null) throw InputException.at(nameOrFile, "is a system catalog, not a build: use withCatalog");
        return with(w, system, nameOrFile);
    }

    /** As {@link #withBuild(String)}, for a build or overlay file. */
    public Pplsim withBuild(Path file) {
        return withBuild(file.toString());
    }

    /**
     * A what-if overlay ({@code policies/whatif/*.yaml}: changed switches, table rows, processes, creation switches):
     * requests that name no build are decided on its build; when its base is a system catalog, opens name that
     * catalog's processes, as changed. A relative path is looked up as in {@link #withBuild(String)}.
     *
     * @throws InputException for an unreadable or invalid overlay, a cycle of bases, an unknown base
     */
    public Pplsim withOverlay(String file) {
        Overlay.World w = Overlay.resolve(sim.policies(), locate(file));
        return with(w, w.system() != null ? w.system() : system, file);
    }

    /** As {@link #withOverlay(String)}. */
    public Pplsim withOverlay(Path file) {
        return withOverlay(file.toString());
    }

    /**
     * A system catalog ({@code policies/systems/}: a machine's processes with their protections, parents and token
     * presets), by name ({@code windows-11}), or a catalog or overlay-of-a-catalog file: opens then name its
     * processes ({@code Open.caller("powershell.exe").target("lsass.exe")}), related as it says, on its build.
     *
     * @throws InputException for an unknown catalog, or a file that holds a build
     */
    public Pplsim withCatalog(String nameOrFile) {
        if (!yaml(nameOrFile)) {
            SystemCatalog s = SystemCatalog.resolve(sim.policies(), nameOrFile);
            return new Pplsim(sim, s.build(), s, shown + ", system " + s.name());
        }
        Overlay.World w = Overlay.resolve(sim.policies(), locate(nameOrFile));
        if (w.system() == null) throw InputException.at(nameOrFile, "is a build, not a system catalog: use withBuild");
        return with(w, w.system(), nameOrFile);
    }

    /** As {@link #withCatalog(String)}, for a catalog or overlay file. */
    public Pplsim withCatalog(Path file) {
        return withCatalog(file.toString());
    }

    /** The same rules over this policy set plus the world's build, with its creation changes: the one what-if path, {@link Simulator#withWorld}. */
    private Pplsim with(Overlay.World w, SystemCatalog catalog, String ref) {
        return new Pplsim(sim.withWorld(w), w.build().name(), catalog, shown + ", " + ref);
    }

    private static boolean yaml(String ref) {
        return ref.endsWith(".yaml") || ref.endsWith(".yml");
    }

    /** A file as given when it is there, else the same relative path inside the policies directory (the jar's too). */
    private Path locate(String ref) {
        Path p = Path.of(ref);
        if (Files.exists(p) || p.isAbsolute()) return p;
        Path inPolicies = sim.policies().root().resolve(ref);
        return Files.exists(inPolicies) ? inPolicies : p;
    }

    /**
     * Decides an open. Without a build of its own it is decided on this instance's; on a system catalog its caller
     * and target are the catalog's processes.
     *
     * @throws InputException for a field the reader refuses, or a request the kernel could not be asked
     */
    public Decision decide(Open open) {
        AccessQuery q;
        if (system == null) {
            q = (build != null && !open.hasBuild() ? open.build(build) : open).scenario(null).toQuery(sim);
        } else {
            q = open.scenario(system.name()).toQuery(sim, system);
            if (build != null) q = q.withBuild(build);
        }
        return sim.decide(q);
    }

    /** Decides a query as it stands, its build included: {@link Simulator#decide}. */
    public Decision decide(AccessQuery query) {
        return sim.decide(query);
    }

    /**
     * Decides a process creation (spec §12): the status and, on success, the child's protection, signature levels and
     * the handles the creator gets back. Without a build of its own, on this instance's (with an overlay's creation
     * switches, e.g. {@code whatif/vbs-off.yaml}).
     */
    public Creation create(Create creation) {
        return sim.create(creation.query(build));
    }

    /** Decides a creation query as it stands. */
    public Creation create(CreateQuery query) {
        return sim.create(query);
    }

    /** Decides an image load (spec §6.3, §12.8): may the image be mapped into the process, and what runs. */
    public Load load(ImageLoad load) {
        return sim.load(load.query(build));
    }

    /** Decides a load query as it stands. */
    public Load load(LoadQuery query) {
        return sim.load(query);
    }

    /**
     * The batch contract ({@code pplsim batch}, docs/oracle.md): JSON lines in, one answer line out each, in input
     * order, streamed (a line is answered as soon as it is read, so a harness may write one and read one). Opens,
     * {@code "op":"create"} and {@code "op":"load"} lines; a line that cannot be decided is answered with its
     * {@code error} and the rest go on. Lines name their build (default windows-10-11); an overlay's build keeps its
     * base's name, so lines of that name are decided on the overlay. Neither stream is closed.
     *
     * @param in  UTF-8 (with or without a byte order mark) or UTF-16 with one
     * @param out the answer lines, UTF-8
     * @return how many lines were read, decided and answered with an error
     * @throws IOException when reading or writing fails
     */
    public BatchRunner.Counts batch(InputStream in, OutputStream out) throws IOException {
        return BatchRunner.run(sim, in, out);
    }

    /** As {@link #batch(InputStream, OutputStream)}, for characters: lines from {@code in}, answers to {@code out}. */
    public BatchRunner.Counts batch(Reader in, Writer out) throws IOException {
        CharStreams.Decoding sink = new CharStreams.Decoding(out);
        BatchRunner.Counts counts = batch(new CharStreams.Encoding(in), sink);
        sink.flush();
        return counts;
    }

    /**
     * The decision for people, as {@code pplsim decide --explain} prints it: the request, the status and granted
     * rights, the rules, each refused right with what refused it, the single changes that would succeed (each
     * verified by deciding it), and the firings stage by stage with their spec sections.
     */
    public String explain(Decision decision) {
        return explain(decision, ExplainMode.FULL);
    }

    /**
     * As {@link #explain(Decision)}, with the firings {@code mode} keeps: {@code DECISIVE} those the decision depends
     * on, {@code OFF} none (and no counterfactuals).
     */
    public String explain(Decision decision, ExplainMode mode) {
        var changes = mode == ExplainMode.OFF ? List.<Counterfactuals.Counterfactual>of() : Counterfactuals.of(decision, sim::decide);
        return String.join("\n", Render.text(decision, mode, changes));
    }

    /** A creation for people, as {@code pplsim create --explain} prints it. */
    public String explain(Creation creation) {
        return explain(creation, ExplainMode.FULL);
    }

    /** As {@link #explain(Creation)}, with the firings {@code mode} keeps. */
    public String explain(Creation creation, ExplainMode mode) {
        var changes = mode == ExplainMode.OFF ? List.<dev.pplsim.explain.AnswerRender.Change<Creation>>of()
                : CreationRender.CREATION.whatWouldSucceed(creation, sim::create);
        return String.join("\n", CreationRender.CREATION.text(creation, mode, changes));
    }

    /** An image load for people, as {@code pplsim load --explain} prints it. */
    public String explain(Load load) {
        return explain(load, ExplainMode.FULL);
    }

    /** As {@link #explain(Load)}, with the firings {@code mode} keeps. */
    public String explain(Load load, ExplainMode mode) {
        var changes = mode == ExplainMode.OFF ? List.<dev.pplsim.explain.AnswerRender.Change<Load>>of()
                : LoadRender.LOAD.whatWouldSucceed(load, sim::load, List.copyOf(sim.loading().builds().keySet()));
        return String.join("\n", LoadRender.LOAD.text(load, mode, changes));
    }

    /**
     * Builds the rule base and this thread's session now, by deciding one open (an unprotected caller asking an
     * Lsa-Light target for PROCESS_QUERY_LIMITED_INFORMATION), so the first real question is answered at full speed.
     *
     * @return this instance
     */
    public Pplsim warm() {
        AccessQuery q = AccessQuery.of(new PsProtection(0), new PsProtection(0x41), ObjectKind.PROCESS, ProcessRight.QUERY_LIMITED_INFORMATION.mask());
        sim.decide(build != null ? q.withBuild(build) : q);
        return this;
    }

    /** The build requests without one are decided on, or null when each request's own (default windows-10-11) is. */
    public String build() {
        return build;
    }

    /** The system catalog opens name processes of, or null. */
    public SystemCatalog catalog() {
        return system;
    }

    /** The engine underneath, for what the facade does not cover (the jobs of {@code dev.pplsim.jobs} take it). */
    public Simulator simulator() {
        return sim;
    }

    /** What this instance decides with, e.g. {@code built-in policies and rules, whatif/vbs-off.yaml}. */
    @Override
    public String toString() {
        return "Pplsim[" + shown + "]";
    }
}

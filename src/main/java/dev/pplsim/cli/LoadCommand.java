package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.LoadRender;
import dev.pplsim.request.Form;
import dev.pplsim.request.LoadField;
import dev.pplsim.request.LoadReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code pplsim load}: one image load, decided and optionally explained (spec §6.3, §12.8). */
@Command(name = "load", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim load --process WinTcb-Light --image-signer Windows", "  ./pplsim load --process WinTcb-Light --image-signer Windows --image-source network --pages-modified --explain decisive"},
        description = "Decide one image load: may this image be mapped into a process of this protection, and what runs?")
final class LoadCommand extends AnswerCommand {

    @Option(names = "--process", required = true, paramLabel = "PROTECTION", description = "The process's protection: None, 0x41, WinTcb-Light.")
    String process;

    @Option(names = "--section-signature-level", paramLabel = "LEVEL", description = "The process's SectionSignatureLevel (0-15 or SE_SIGNING_LEVEL_*); default: its signer's DLL level.")
    String sectionLevel;

    @Option(names = "--image", paramLabel = "PATH", description = "The image's path (shown only; default " + "image.dll" + ").")
    String image;

    @Option(names = "--image-signer", paramLabel = "SIGNER", description = "The signer the image is signed as: its images' signing level.")
    String imageSigner;

    @Option(names = "--image-ekus", paramLabel = "OID,...", description = "The image's EKU OIDs, instead of --image-signer.")
    String imageEkus;

    @Option(names = "--image-signing-level", paramLabel = "LEVEL", description = "The image's signing level (0-15 or SE_SIGNING_LEVEL_*), instead of --image-signer.")
    String imageSigningLevel;

    @Option(names = "--image-source", paramLabel = "local|known-dlls|network", description = "Where the section comes from (default local).")
    String source;

    @Option(names = "--page-hashes", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "Whether the image's signature carries page hashes (default true).")
    String pageHashes;

    @Option(names = "--pages-modified", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", description = "The bytes served at page-in differ from those hashed (PPLFault).")
    String pagesModified;

    @Option(names = "--explain", arity = "0..1", fallbackValue = "full", defaultValue = "off", paramLabel = "off|decisive|full",
            description = "Explain stage by stage (bare --explain: full), with the single changes that would let a refused load map.")
    ExplainMode explain;

    @Override
    public Integer call() {
        var on = decidingOn();
        Simulator sim = on.getKey();
        var given = new OptionValues<>(LoadField.class).put(LoadField.PROCESS, process).put(LoadField.SECTION_LEVEL, sectionLevel)
                .put(LoadField.IMAGE_PATH, image).put(LoadField.IMAGE_SIGNER, imageSigner).put(LoadField.IMAGE_EKUS, imageEkus)
                .put(LoadField.IMAGE_SIGNING_LEVEL, imageSigningLevel).put(LoadField.IMAGE_SOURCE, source)
                .put(LoadField.PAGE_HASHES, pageHashes).put(LoadField.PAGES_MODIFIED, pagesModified).put(LoadField.BUILD, on.getValue());
        return answer(() -> sim.load(LoadReader.read(Form.CLI, given::get)), LoadRender.LOAD, explain,
                l -> LoadRender.LOAD.whatWouldSucceed(l, sim::load, List.copyOf(sim.loading().builds().keySet())));
    }
}

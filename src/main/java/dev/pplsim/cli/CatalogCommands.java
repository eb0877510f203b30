package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.Catalog;
import dev.pplsim.jobs.ReportFormat;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.CreateReader;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pplsim who-can} and {@code pplsim what-can}: a system catalog's processes as callers and targets. By
 * default the protection-only model decides (the caller holds SeDebugPrivilege, spec §3.1 step 2); with
 * {@code --tokens} each process's token preset is the caller's token and the target's preset gives the default
 * descriptors, so the security-descriptor stage decides first (docs/ACCESS-CHECK.md, spec §4).
 */
final class CatalogCommands {

    private CatalogCommands() {
    }

    abstract static class Base extends SimulatorCommand {

        @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog (default: ${DEFAULT-VALUE}).")
        String system;

        @Option(names = "--object", defaultValue = "process", paramLabel = "process|thread|token", description = "Object (default: ${DEFAULT-VALUE}; token needs --tokens).")
        ObjectKind object;

        @Option(names = "--mode", defaultValue = "user", paramLabel = "user|kernel", description = "Previous mode (default: ${DEFAULT-VALUE}).")
        AccessMode mode;

        @Option(names = "--tokens", description = {"Decide with the catalog's token presets: the caller's token, and the target's for its default descriptors,",
                "so the security-descriptor stage decides before the protection check (docs/ACCESS-CHECK.md)."})
        boolean tokens;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
        ReportFormat format;

        ObjectKind kind() {
            if (object == ObjectKind.TOKEN && !tokens) {
                throw InputException.at("--object", "a process's token is opened through the access check of its descriptor: add --tokens");
            }
            return object;
        }
    }

    @Command(name = "who-can", mixinStandardHelpOptions = true,
            footer = {"%nExamples:", "  ./pplsim who-can --target lsass.exe --access PROCESS_VM_READ", "  ./pplsim who-can --target lsass.exe --access PROCESS_VM_READ --system windows-11-no-runasppl"},
            description = "Which processes of a system can open a target with an access, and what decides.")
    static final class WhoCan extends Base {

        @Option(names = "--target", required = true, paramLabel = "IMAGE|PID", description = "Target process (image name or pid).")
        String target;

        @Option(names = "--access", required = true, paramLabel = "MASK", description = "Desired access.")
        String access;

        @Override
        public Integer call() {
            // a catalog or a system overlay (whatif/edr-agent.yaml), decided on its world's build: the one what-if path
            Simulator base = simulator();
            var w = system(base, system);
            Simulator sim = base.withWorld(w);
            SystemCatalog s = w.system();
            ObjectKind k = kind();
            SystemCatalog.Process t = Catalog.one(s, target, "--target");
            int desired;
            try {
                desired = Spelling.desiredMask(access, k);
            } catch (InputException e) {
                throw InputException.at("--access", e.getMessage());
            }
            return Catalog.whoCan(sim, s, k, mode, t, desired, tokens, format, out());
        }
    }

    @Command(name = "what-can", mixinStandardHelpOptions = true,
            footer = {"%nExamples:", "  ./pplsim what-can --caller MsMpEng.exe --object thread"},
            description = "What a process of a system can open: the rights it obtains on each other process.")
    static final class WhatCan extends Base {

        @Option(names = "--caller", required = true, paramLabel = "IMAGE|PID", description = "Caller process (image name or pid).")
        String caller;

        @Override
        public Integer call() {
            // a catalog or a system overlay (whatif/edr-agent.yaml), decided on its world's build: the one what-if path
            Simulator base = simulator();
            var w = system(base, system);
            Simulator sim = base.withWorld(w);
            SystemCatalog s = w.system();
            return Catalog.whatCan(sim, s, kind(), mode, Catalog.one(s, caller, "--caller"), tokens, format, out());
        }
    }

    @Command(name = "who-can-start", mixinStandardHelpOptions = true,
            footer = {"%nExamples:", "  ./pplsim who-can-start --image 'C:\\Windows\\System32\\services.exe' --image-signer WinTcb"},
            description = "Which processes of a system can start an image at a protection level, and what they get back (spec §12).")
    static final class WhoCanStart extends SimulatorCommand {

        @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog (default: ${DEFAULT-VALUE}).")
        String system;

        @Mixin
        CreationOptions creation = new CreationOptions();

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
        ReportFormat format;

        @Override
        public Integer call() {
            // a catalog or a system overlay (whatif/edr-agent.yaml), decided on its world's build: the one what-if path
            Simulator base = simulator();
            var w = system(base, system);
            Simulator sim = base.withWorld(w);
            SystemCatalog s = w.system();
            // each process of the catalog stands in its turn as the creator
            var given = creation.given().put(CreateField.CREATOR, "None");
            return Catalog.whoCanStart(sim, s, CreateReader.read(Form.CLI, given::get), format, out());
        }
    }
}

package dev.pplsim.engine;

import dev.pplsim.cli.Main;

/** A planted violation for {@code ArchitectureTests}: the engine must never call the command line. */
final class PlantedCliImport {

    private PlantedCliImport() {
    }

    static int run() {
        return Main.run("--version");
    }
}

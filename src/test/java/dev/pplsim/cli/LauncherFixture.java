package dev.pplsim.cli;

/** What the launcher tests put in their stand-in jar: it says it ran, with its arguments. */
public final class LauncherFixture {

    private LauncherFixture() {
    }

    public static void main(String[] args) {
        System.out.println("ran " + String.join(" ", args));
    }
}

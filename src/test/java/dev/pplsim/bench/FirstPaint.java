package dev.pplsim.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The page's first paint from a cold server (bench/serve-wrk.sh runs it): starts {@code java -jar target/pplsim.jar
 * serve} in a fresh JVM, waits for the address it prints, opens it in a headless Chromium that is already running,
 * and reads the browser's own timings: first contentful paint after navigation starts, and when the map is drawn
 * (its matrix is the cold server's first rule runs). Several rounds, each with a new server and a new tab profile.
 * Usage: FirstPaint ROUNDS (from the checkout, after mvn package).
 */
public final class FirstPaint {

    private FirstPaint() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path profile = Files.createTempDirectory("pplsim-paint-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1500,1100");
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), o);
        List<String> lines = new ArrayList<>();
        try {
            driver.get("about:blank");
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("java", "-jar", "target/pplsim.jar", "serve", "--port", "0", "--token-file", profile.resolve("t" + r).toString())
                        .redirectErrorStream(true).start();
                String url = null;
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.trim().startsWith("page:")) {
                        url = l.trim().substring(5).trim();
                        break;
                    }
                }
                long listening = System.nanoTime();
                try {
                    if (url == null) throw new IllegalStateException("the server printed no address");
                    // a cache-free first visit: a new origin (new port) and the cache cleared
                    ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Network.clearBrowserCache", java.util.Map.of());
                    driver.get(url);
                    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(d.findElement(By.id("map")).getAttribute("data-ready")));
                    JavascriptExecutor js = (JavascriptExecutor) driver;
                    double fcp = ((Number) js.executeScript("const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : -1")).doubleValue();
                    double map = ((Number) js.executeScript("return performance.now()")).doubleValue();
                    lines.add(String.format(Locale.ROOT, "round %d: server listening %.0f ms after launch; first contentful paint %.0f ms after navigation; map drawn by %.0f ms",
                            r + 1, (listening - t0) / 1e6, fcp, map));
                    System.out.println(lines.get(lines.size() - 1));
                } finally {
                    p.destroy();
                    p.waitFor();
                }
            }
        } finally {
            driver.quit();
            try (var s = Files.walk(profile)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) x.toFile().delete();
            }
        }
    }
}

package dev.pplsim.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page as a person uses it, in Debian's headless Chromium: the map, a click on a cell and its explanation, the
 * request form and its shareable address, a comparison, the system view, a lesson, the keyboard and dark mode.
 * Screenshots are kept in target/serve-screenshots. Without /usr/bin/chromium and /usr/bin/chromedriver (Debian's
 * chromium and chromium-driver packages, which .ci/run installs) every test here is skipped, and says why.
 */
class ServeBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/serve-screenshots");

    static ServeFixture f;
    static WebDriver driver;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser tests skipped: Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver); "
                        + "apt-get install -y chromium chromium-driver, as .ci/run does, runs them");
        Files.createDirectories(SHOTS);
        f = ServeFixture.builtIn();
        profile = Files.createTempDirectory("pplsim-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toString());
        // without these, Chromium waits on the network (sync, updates, QUIC) on a machine that has none
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1500,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().window().setSize(new Dimension(1500, 1100));
        // the address the command prints: the token rides in the fragment
        driver.get(f.server.url());
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) driver.quit();
        if (f != null) f.close();
        if (profile != null) {
            try (var s = Files.walk(profile)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) p.toFile().delete();
            }
        }
    }

    @BeforeEach
    void home() {
        driver.get(f.base() + "/");
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    static WebElement ready(String css) {
        return waiting().until(d -> {
            WebElement e = d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
            return e != null && "true".equals(e.getAttribute("data-ready")) ? e : null;
        });
    }

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    static WebElement cell(String caller, String target) {
        return driver.findElement(By.cssSelector("#map-grid button.cell[data-caller='" + caller + "'][data-target='" + target + "']"));
    }

    @Test
    void the_token_leaves_the_address_bar_and_the_page_loads_the_map() throws Exception {
        assertFalse(driver.getCurrentUrl().contains("token="), driver.getCurrentUrl());
        ready("#map");
        List<WebElement> rows = driver.findElements(By.cssSelector("#map-grid tbody tr"));
        int n = rows.size();
        assertTrue(n >= 10, "a row per named protection");
        assertEquals(n * n, driver.findElements(By.cssSelector("#map-grid button.cell")).size());
        // admin (None) cannot read lsass (Lsa-Light) memory; csrss (WinTcb-Light) can
        assertTrue(cell("0x00", "0x41").getAttribute("class").contains(" d"), cell("0x00", "0x41").getAttribute("class"));
        assertTrue(cell("0x61", "0x41").getAttribute("class").contains(" g"));
        assertTrue(cell("0x00", "0x41").getAttribute("aria-label").equals("None \u00b7 admin opens Lsa-Light \u00b7 lsass.exe for PROCESS_VM_READ: refused"), cell("0x00", "0x41").getAttribute("aria-label"));
        shot("map");
    }

    @Test
    void clicking_admin_to_lsass_vm_read_explains_the_refusal() throws Exception {
        ready("#map");
        WebElement c = cell("0x00", "0x41");
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(c).perform();
        waiting().until(d -> d.findElement(By.id("map-hover")).getText().contains("STATUS_ACCESS_DENIED"));
        c.click();
        WebElement e = ready("#map-explain");
        String text = e.getText();
        assertTrue(text.contains("STATUS_ACCESS_DENIED"), text);
        assertEquals("STATUS_ACCESS_DENIED", e.findElement(By.cssSelector(".verdict")).getAttribute("data-status"));
        // the refusal's kind, the decisive rule with its spec section, the verified single changes, the stages
        assertTrue(text.contains("explicit deny"), text);
        assertTrue(text.contains("R50.5") && text.contains("spec §3.2"), text);
        assertTrue(text.contains("Would succeed with one change"), text);
        assertTrue(text.contains("run the caller with a signer that reaches the target"), text);
        assertTrue(text.contains("PspProcessOpen"), "stages in the kernel's terms: " + text);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", e);
        shot("explanation");
    }

    @Test
    void the_keyboard_moves_through_the_grid_and_enter_explains() {
        ready("#map");
        WebElement first = driver.findElement(By.cssSelector("#map-grid button.cell[data-row='0'][data-col='0']"));
        first.sendKeys(Keys.ARROW_RIGHT);
        WebElement active = driver.switchTo().activeElement();
        assertEquals("1", active.getAttribute("data-col"));
        active.sendKeys(Keys.ARROW_DOWN);
        active = driver.switchTo().activeElement();
        assertEquals("1", active.getAttribute("data-row"));
        active.sendKeys(Keys.ENTER);
        assertTrue(ready("#map-explain").getText().contains("Why: "));
    }

    @Test
    void changing_the_right_redraws_the_map() {
        ready("#map");
        new Select(driver.findElement(By.id("map-rights"))).selectByValue("0x00001000");
        waiting().until(d -> cell("0x00", "0x41").getAttribute("aria-label").contains("PROCESS_QUERY_LIMITED_INFORMATION: granted"));
        assertTrue(driver.getCurrentUrl().contains("rights=0x00001000"), driver.getCurrentUrl());
    }

    @Test
    void the_request_form_answers_and_its_address_opens_the_same_answer() throws Exception {
        driver.findElement(By.id("tab-request")).click();
        WebElement form = driver.findElement(By.id("request-form"));
        WebElement caller = form.findElement(By.name("caller"));
        caller.clear();
        caller.sendKeys("Antimalware-Light");
        WebElement desired = form.findElement(By.name("desired"));
        desired.clear();
        desired.sendKeys("PROCESS_VM_READ");
        driver.findElement(By.id("request-submit")).click();
        WebElement r = ready("#request-result");
        assertTrue(r.getText().contains("STATUS_ACCESS_DENIED"), r.getText());
        String url = driver.getCurrentUrl();
        assertTrue(url.contains("view=request") && url.contains("caller=Antimalware-Light") && url.contains("target=Lsa-Light"), url);
        shot("request");
        // a shared link (no token in it) opens the same answer
        driver.get(url);
        WebElement again = ready("#request-result");
        assertTrue(again.getText().contains("STATUS_ACCESS_DENIED"));
        assertEquals("Antimalware-Light", driver.findElement(By.name("caller")).getAttribute("value"));
        // a creation through the same form
        driver.findElement(By.cssSelector("input[name=op][value=create]")).click();
        driver.findElement(By.id("request-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("op=create"));
        assertTrue(ready("#request-result").getText().contains("STATUS_"));
        // a refused field is shown with the reader's message
        driver.get(f.base() + "/?view=request&op=open&caller=Nonesuch&target=Lsa-Light&desired=PROCESS_VM_READ");
        waiting().until(d -> d.findElement(By.id("request-result")).getText().contains("unknown protection 'Nonesuch'"));
    }

    @Test
    void a_comparison_colours_the_gained_cells_and_names_their_causes() throws Exception {
        driver.get(f.base() + "/?view=compare&base=windows-10-early&change=windows-10-11&object=process&mode=user&relation=none");
        WebElement r = ready("#compare-result");
        assertTrue(Integer.parseInt(driver.findElement(By.id("compare-gained")).getText()) > 0);
        assertEquals("0", driver.findElement(By.id("compare-lost")).getText());
        assertTrue(r.getText().contains("switches.impliedRights query-only -> full"), r.getText());
        List<WebElement> gained = driver.findElements(By.cssSelector("#compare-grid button.cell.gain"));
        assertFalse(gained.isEmpty());
        assertTrue(driver.findElements(By.cssSelector("#compare-grid button.cell.loss")).isEmpty());
        gained.get(0).click();
        waiting().until(d -> d.findElement(By.id("compare-detail")).getText().contains("because of"));
        shot("compare");
    }

    @Test
    void the_system_view_shows_the_catalog_and_who_can_open_lsass() throws Exception {
        driver.get(f.base() + "/?view=system&system=windows-11&target=lsass.exe&access=PROCESS_VM_READ");
        WebElement r = ready("#whocan-result");
        assertTrue(driver.findElement(By.id("system-tree")).getText().contains("lsass.exe (800)"));
        assertTrue(driver.findElement(By.id("whocan-title")).getText().contains("lsass.exe (800)"));
        String table = driver.findElement(By.id("whocan-table")).getText();
        assertTrue(table.contains("MsMpEng.exe") && table.contains("STATUS_ACCESS_DENIED") && table.contains("STATUS_SUCCESS"), table);
        shot("system");
    }

    @Test
    void the_system_view_shows_where_the_admin_shell_can_get_to_on_the_early_build() throws Exception {
        driver.get(f.base() + "/?view=system&system=windows-11&target=lsass.exe&access=PROCESS_VM_READ");
        ready("#whocan-result");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("reach-from"))).selectByValue("6600");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("reach-build"))).selectByValue("windows-10-early");
        driver.findElement(By.id("reach-submit")).click();
        ready("#reach-result");
        String table = driver.findElement(By.id("reach-table")).getText();
        // spec §8 PPLdump: services.exe started as WinTcb-Light, then the unchecked \KnownDlls load (L30.3)
        assertTrue(table.contains("0x61 WinTcb-Light") && table.contains("services.exe started WinTcb-Light") && table.contains("L30.3"), table);
        // with what it assumed: on the early build, its creations decided as on windows-10-11 (U)
        String assumed = driver.findElement(By.id("reach-assumptions")).getText();
        assertTrue(assumed.contains("creations on windows-10-early are decided as on windows-10-11 (U") && assumed.contains("PPLdump can be set up by a token"), assumed);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('reach-title').scrollIntoView()");
        shot("reach");
    }

    @Test
    void a_lesson_asks_for_a_prediction_then_explains_and_keeps_the_progress() throws Exception {
        driver.get(f.base() + "/?view=lessons&lesson=dominance/1");
        WebElement lesson = waiting().until(d -> d.findElement(By.id("predict-yes")));
        assertTrue(driver.findElement(By.id("lesson")).getText().contains("lsass (Lsa-Light) cannot read MsMpEng"));
        assertTrue(driver.findElements(By.id("lesson-result")).isEmpty(), "no answer before the prediction");
        lesson.click(); // predicts access granted: wrong, it is refused
        WebElement result = waiting().until(d -> d.findElement(By.id("lesson-result")));
        assertTrue(result.getText().startsWith("\u2717 Not this time"), result.getText());
        assertTrue(driver.findElement(By.id("lesson-answer")).getText().contains("R50.5"));
        shot("lesson");
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("return JSON.parse(localStorage.getItem('pplsim.lessons'))");
        assertTrue(kept.containsKey("dominance/1"), kept.toString());
        // kept across a reload, in the browser only
        driver.navigate().refresh();
        waiting().until(d -> d.findElement(By.id("lesson-progress")).getText().startsWith("1 of "));
        assertTrue(waiting().until(d -> d.findElement(By.id("lesson-result"))).getText().startsWith("\u2717"));
        ((JavascriptExecutor) driver).executeScript("localStorage.removeItem('pplsim.lessons')");
    }

    @Test
    void dark_mode_is_dark_and_light_mode_light() throws Exception {
        var cdp = (org.openqa.selenium.chromium.ChromiumDriver) driver;
        try {
            cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            driver.get(f.base() + "/");
            ready("#map");
            String dark = (String) ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor");
            assertEquals("rgb(13, 17, 23)", dark);
            shot("map-dark");
            cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
            driver.get(f.base() + "/");
            ready("#map");
            assertEquals("rgb(255, 255, 255)", ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor"));
        } finally {
            cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void without_the_token_the_page_says_how_to_get_it() {
        ((JavascriptExecutor) driver).executeScript("localStorage.removeItem('pplsim.token')");
        try {
            driver.get(f.base() + "/");
            waiting().until(d -> d.findElement(By.id("banner")).isDisplayed());
            assertTrue(driver.findElement(By.id("banner")).getText().contains("open the address pplsim serve printed"));
        } finally {
            // the printed address again: its fragment hands the page the token
            driver.get(f.server.url());
            waiting().until(d -> "true".equals(d.findElement(By.id("map")).getAttribute("data-ready")));
        }
    }
}

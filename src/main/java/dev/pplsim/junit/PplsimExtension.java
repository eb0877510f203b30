package dev.pplsim.junit;

import dev.pplsim.api.Pplsim;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The extension {@link PplsimOracle} registers: resolves {@link Pplsim} parameters and fills {@code Pplsim} fields
 * with the instance the nearest {@code @PplsimOracle} describes, one per description per JVM, kept in the root
 * {@link ExtensionContext.Store} (so every class of a run shares it, and it is warm after the first).
 */
public final class PplsimExtension implements ParameterResolver, TestInstancePostProcessor, BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PplsimExtension.class);

    /** Creates the extension; JUnit does, for {@code @PplsimOracle} or {@code @ExtendWith(PplsimExtension.class)}. */
    public PplsimExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Pplsim.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PplsimOracle config = parameter.findAnnotation(PplsimOracle.class)
                .or(() -> Optional.ofNullable(parameter.getDeclaringExecutable().getAnnotation(PplsimOracle.class)))
                .orElseGet(() -> classConfig(context));
        return instance(context, config);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        inject(context, null, context.getRequiredTestClass());
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        inject(context, testInstance, testInstance.getClass());
    }

    /** Fills the class's fields of type Pplsim that are static ({@code instance} null) or not, final ones and set ones left alone. */
    private static void inject(ExtensionContext context, Object instance, Class<?> type) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (f.getType() != Pplsim.class || Modifier.isFinal(m) || Modifier.isStatic(m) != (instance == null)) continue;
                f.setAccessible(true);
                if (f.get(instance) != null) continue;
                PplsimOracle config = Optional.ofNullable(f.getAnnotation(PplsimOracle.class)).orElseGet(() -> classConfig(context));
                f.set(instance, instance(context, config));
            }
        }
    }

    /** The annotation on the test class or an enclosing one ({@code @Nested}); the defaults when none has it. */
    private static PplsimOracle classConfig(ExtensionContext context) {
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            PplsimOracle a = c.getAnnotation(PplsimOracle.class);
            if (a != null) return a;
        }
        return Defaults.class.getAnnotation(PplsimOracle.class);
    }

    @PplsimOracle
    private static final class Defaults {
    }

    /** The shared instance for a description: the base per policies and rules, then each build, overlay or catalog over it. */
    private static Pplsim instance(ExtensionContext context, PplsimOracle config) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        String base = "policies=" + absolute(config.policies()) + " rules=" + absolute(config.rules());
        Pplsim pplsim = store.getOrComputeIfAbsent(base, k -> load(config).warm(), Pplsim.class);
        String full = base + " build=" + config.build() + " overlay=" + config.overlay() + " catalog=" + config.catalog();
        if (full.equals(base + " build= overlay= catalog=")) return pplsim;
        return store.getOrComputeIfAbsent(full, k -> {
            Pplsim p = pplsim;
            if (!config.catalog().isEmpty()) p = p.withCatalog(config.catalog());
            if (!config.overlay().isEmpty()) p = p.withOverlay(config.overlay());
            if (!config.build().isEmpty()) p = p.withBuild(config.build());
            return p.warm();
        }, Pplsim.class);
    }

    private static Pplsim load(PplsimOracle config) {
        if (config.policies().isEmpty() && config.rules().isEmpty()) return Pplsim.builtIn();
        return Pplsim.load(config.policies().isEmpty() ? null : Path.of(config.policies()), config.rules().isEmpty() ? null : Path.of(config.rules()));
    }

    private static String absolute(String path) {
        return path.isEmpty() ? "" : Path.of(path).toAbsolutePath().normalize().toString();
    }
}

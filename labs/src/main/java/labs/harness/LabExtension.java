package labs.harness;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Turns a {@link LabTest} method into one JUnit run per seed; each run is executed by a
 * {@link SeededRun}. Registered by the {@link LabTest} annotation.
 */
final class LabExtension implements TestTemplateInvocationContextProvider {
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(LabTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Settings settings = Settings.from(context);
    Method method = context.getRequiredTestMethod();
    LabTest spec = method.getAnnotation(LabTest.class);
    return settings.seeds().mapToObj(seed -> new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "seed " + seed;
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new SeededRun(seed, settings, spec));
      }
    });
  }
}

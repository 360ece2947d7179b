package labs.race;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the classes of one package itself, instrumented for the race detector (as the agent
 * would do for a lab's student classes), and everything else from its parent: how the race
 * tests run their corpus without the agent.
 */
final class InstrumentingLoader extends ClassLoader {
  private final String prefix;

  InstrumentingLoader(String packageName, ClassLoader parent) {
    super(parent);
    this.prefix = packageName + ".";
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(prefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
        byte[] instrumented = Instrumenter.instrument(bytes, this);
        c = defineClass(name, instrumented, 0, instrumented.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}

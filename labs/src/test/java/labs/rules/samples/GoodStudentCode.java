package labs.rules.samples;

import labs.runtime.Env;

/** Uses the runtime API only; checked by {@code StudentCodeRulesTest}. */
public class GoodStudentCode {
  public long everything() {
    Env.sleep(10);
    Env.go("worker", () -> {});
    return Env.nowMillis() + Env.random().nextInt(5);
  }
}

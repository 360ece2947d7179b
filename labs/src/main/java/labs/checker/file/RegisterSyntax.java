package labs.checker.file;

import java.util.List;
import java.util.OptionalInt;
import labs.checker.file.Tokens.Bad;
import labs.checker.file.Tokens.Token;
import labs.checker.models.RegisterModel;
import labs.checker.models.RegisterModel.Cas;
import labs.checker.models.RegisterModel.CasResult;
import labs.checker.models.RegisterModel.Input;
import labs.checker.models.RegisterModel.Output;
import labs.checker.models.RegisterModel.Read;
import labs.checker.models.RegisterModel.ReadResult;
import labs.checker.models.RegisterModel.Write;
import labs.checker.models.RegisterModel.WriteResult;

/** {@code read -> 5} (or {@code nil}), {@code write 5 -> ok}, {@code cas 5 6 -> ok|fail}. */
final class RegisterSyntax extends Syntax<Input, Output> {
  RegisterSyntax() {
    super("register", RegisterModel.INSTANCE, "read, write or cas");
  }

  @Override
  Input input(String name, List<Token> args) throws Bad {
    switch (name) {
      case "read" -> {
        Syntax.arguments(name, args);
        return new Read();
      }
      case "write" -> {
        Syntax.arguments(name, args, "VALUE");
        return new Write(Syntax.integer(args.get(0), "value"));
      }
      case "cas" -> {
        Syntax.arguments(name, args, "EXPECTED", "NEW");
        return new Cas(Syntax.integer(args.get(0), "expected value"),
            Syntax.integer(args.get(1), "new value"));
      }
      default -> throw unknownOperation(name);
    }
  }

  @Override
  Output output(Input input, List<Token> fields) throws Bad {
    return switch (input) {
      case Read r -> {
        Token t = Syntax.one("read", fields, "the value read, nil or unknown");
        yield new ReadResult(t.is("nil") ? OptionalInt.empty()
            : OptionalInt.of(Syntax.integer(t, "value read")));
      }
      case Write w -> {
        Token t = Syntax.one("write", fields, "ok or unknown");
        if (!t.is("ok")) {
          throw new Bad("write answers ok or unknown, not " + t.shown());
        }
        yield new WriteResult();
      }
      case Cas c -> {
        Token t = Syntax.one("cas", fields, "ok, fail or unknown");
        if (!t.is("ok") && !t.is("fail")) {
          throw new Bad("cas answers ok, fail or unknown, not " + t.shown());
        }
        yield new CasResult(t.is("ok"));
      }
    };
  }

  @Override
  String format(Input input) {
    return switch (input) {
      case Read r -> "read";
      case Write w -> "write " + w.value();
      case Cas c -> "cas " + c.expected() + " " + c.update();
    };
  }

  @Override
  String format(Input input, Output output) {
    return switch (output) {
      case ReadResult r -> r.value().isPresent() ? Integer.toString(r.value().getAsInt()) : "nil";
      case WriteResult w -> "ok";
      case CasResult c -> c.swapped() ? "ok" : "fail";
    };
  }
}

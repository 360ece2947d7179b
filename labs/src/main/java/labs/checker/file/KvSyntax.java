package labs.checker.file;

import java.util.List;
import labs.checker.file.Tokens.Bad;
import labs.checker.file.Tokens.Token;
import labs.checker.models.KvModel;
import labs.checker.models.KvModel.Append;
import labs.checker.models.KvModel.Get;
import labs.checker.models.KvModel.Input;
import labs.checker.models.KvModel.Put;

/** {@code get "k" -> "v"}, {@code put "k" "v" -> ok}, {@code append "k" "v" -> ok}. */
final class KvSyntax extends Syntax<Input, String> {
  KvSyntax() {
    super("kv", KvModel.INSTANCE, "get, put or append");
  }

  @Override
  Input input(String name, List<Token> args) throws Bad {
    switch (name) {
      case "get" -> {
        Syntax.arguments(name, args, "KEY");
        return new Get(args.get(0).text());
      }
      case "put", "append" -> {
        Syntax.arguments(name, args, "KEY", "VALUE");
        return name.equals("put") ? new Put(args.get(0).text(), args.get(1).text())
            : new Append(args.get(0).text(), args.get(1).text());
      }
      default -> throw unknownOperation(name);
    }
  }

  @Override
  String output(Input input, List<Token> fields) throws Bad {
    if (input instanceof Get) {
      return Syntax.one("get", fields, "the value read (in quotes if it has blanks) or unknown")
          .text();
    }
    String name = input instanceof Put ? "put" : "append";
    Token t = Syntax.one(name, fields, "ok or unknown");
    if (!t.is("ok")) {
      throw new Bad(name + " answers ok or unknown, not " + t.shown());
    }
    return null; // the model ignores what a put or an append returned
  }

  @Override
  String format(Input input) {
    return switch (input) {
      case Get g -> "get " + Tokens.quote(g.key());
      case Put p -> "put " + Tokens.quote(p.key()) + " " + Tokens.quote(p.value());
      case Append a -> "append " + Tokens.quote(a.key()) + " " + Tokens.quote(a.value());
    };
  }

  @Override
  String unanswered(Input input) {
    return input instanceof Get ? "unknown" : "ok";
  }

  @Override
  String format(Input input, String output) {
    return input instanceof Get ? Tokens.quote(output) : "ok";
  }
}

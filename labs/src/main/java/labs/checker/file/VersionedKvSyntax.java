package labs.checker.file;

import java.util.List;
import labs.checker.file.Tokens.Bad;
import labs.checker.file.Tokens.Token;
import labs.checker.models.VersionedKvModel;
import labs.checker.models.VersionedKvModel.Err;
import labs.checker.models.VersionedKvModel.Get;
import labs.checker.models.VersionedKvModel.Input;
import labs.checker.models.VersionedKvModel.Put;
import labs.checker.models.VersionedKvModel.Reply;

/**
 * {@code get "k" -> "v" 3} (value and version) or {@code -> ErrNoKey}; {@code put "k" "v" 3 ->
 * OK}, {@code ErrNoKey}, {@code ErrVersion} or {@code ErrMaybe}.
 */
final class VersionedKvSyntax extends Syntax<Input, Reply> {
  VersionedKvSyntax() {
    super("versioned-kv", VersionedKvModel.INSTANCE, "get or put");
  }

  @Override
  Input input(String name, List<Token> args) throws Bad {
    switch (name) {
      case "get" -> {
        Syntax.arguments(name, args, "KEY");
        return new Get(args.get(0).text());
      }
      case "put" -> {
        Syntax.arguments(name, args, "KEY", "VALUE", "VERSION");
        return new Put(args.get(0).text(), args.get(1).text(),
            Syntax.number(args.get(2), "version"));
      }
      default -> throw unknownOperation(name);
    }
  }

  @Override
  Reply output(Input input, List<Token> fields) throws Bad {
    if (input instanceof Get) {
      if (fields.size() == 1 && err(fields.getFirst()) == Err.NO_KEY) {
        return new Reply("", 0, Err.NO_KEY);
      }
      if (fields.size() != 2) {
        throw new Bad("get answers VALUE VERSION, ErrNoKey or unknown, got " + fields.size()
            + (fields.size() == 1 ? " field" : " fields") + " after ->");
      }
      return new Reply(fields.get(0).text(), Syntax.number(fields.get(1), "version read"), Err.OK);
    }
    Token t = Syntax.one("put", fields, "OK, ErrNoKey, ErrVersion, ErrMaybe or unknown");
    Err err = err(t);
    if (err == null) {
      throw new Bad("put answers OK, ErrNoKey, ErrVersion, ErrMaybe or unknown, not " + t.shown());
    }
    return Reply.of(err);
  }

  /** OK, ErrNoKey / NO_KEY, ErrVersion / VERSION, ErrMaybe / MAYBE (any case), else null. */
  private static Err err(Token t) {
    if (t.quoted()) {
      return null;
    }
    String word = t.text().toUpperCase(java.util.Locale.ROOT).replace("_", "");
    word = word.startsWith("ERR") ? word.substring(3) : word;
    return switch (word) {
      case "OK" -> Err.OK;
      case "NOKEY" -> Err.NO_KEY;
      case "VERSION" -> Err.VERSION;
      case "MAYBE" -> Err.MAYBE;
      default -> null;
    };
  }

  @Override
  String format(Input input) {
    return switch (input) {
      case Get g -> "get " + Tokens.quote(g.key());
      case Put p -> "put " + Tokens.quote(p.key()) + " " + Tokens.quote(p.value()) + " "
          + p.version();
    };
  }

  @Override
  String format(Input input, Reply output) {
    if (input instanceof Get) {
      return output.err() == Err.OK ? Tokens.quote(output.value()) + " " + output.version()
          : name(output.err());
    }
    return name(output.err());
  }

  private static String name(Err err) {
    return switch (err) {
      case OK -> "OK";
      case NO_KEY -> "ErrNoKey";
      case VERSION -> "ErrVersion";
      case MAYBE -> "ErrMaybe";
    };
  }
}

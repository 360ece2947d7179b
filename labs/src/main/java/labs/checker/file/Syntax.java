package labs.checker.file;

import java.util.List;
import labs.checker.Model;
import labs.checker.file.Tokens.Bad;
import labs.checker.file.Tokens.Token;

/**
 * How one model's operations are written in a history file: the operation's name and arguments
 * before {@code ->}, its output after (see {@link HistoryFile} for the line around them).
 */
abstract sealed class Syntax<I, O> permits RegisterSyntax, KvSyntax, VersionedKvSyntax {

  /** The models a file can name, by the name it uses. */
  static final List<Syntax<?, ?>> ALL =
      List.of(new RegisterSyntax(), new KvSyntax(), new VersionedKvSyntax());

  private final String name;
  private final Model<?, I, O> model;
  private final String operations;

  Syntax(String name, Model<?, I, O> model, String operations) {
    this.name = name;
    this.model = model;
    this.operations = operations;
  }

  /** The name in the file's {@code model} line. */
  final String name() {
    return name;
  }

  final Model<?, I, O> model() {
    return model;
  }

  /** The operations, for messages: "get, put or append". */
  final String operations() {
    return operations;
  }

  /** The input of operation {@code op} with these arguments. */
  abstract I input(String op, List<Token> args) throws Bad;

  /** The output of {@code input} written as these fields (never the single keyword unknown). */
  abstract O output(I input, List<Token> fields) throws Bad;

  /** The operation and its arguments as written in a file: {@code put "k" "v" 3}. */
  abstract String format(I input);

  /** The output as written after {@code ->}. */
  abstract String format(I input, O output);

  /** What a completed operation with no output is written as: unknown, unless the model ignores
   * that operation's output anyway. */
  String unanswered(I input) {
    return "unknown";
  }

  /** The error for an operation this model does not have. */
  final Bad unknownOperation(String op) {
    return new Bad("unknown operation \"" + op + "\" for model " + name + ": use " + operations);
  }

  /** The syntax named {@code name}, or null. */
  static Syntax<?, ?> named(String name) {
    return ALL.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
  }

  /** "register, kv or versioned-kv". */
  static String names() {
    return "register, kv or versioned-kv";
  }

  /** Checks that {@code name} got exactly {@code usage}'s number of arguments. */
  static void arguments(String name, List<Token> args, String... usage) throws Bad {
    if (args.size() != usage.length) {
      throw new Bad(name + " takes " + (usage.length == 0 ? "no arguments"
          : usage.length + (usage.length == 1 ? " argument (" : " arguments (")
              + String.join(" ", usage) + ")") + ", got " + args.size());
    }
  }

  /** A whole number, or a message naming what it was meant to be. */
  static long number(Token t, String what) throws Bad {
    try {
      return Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      throw new Bad(what + " " + t.shown() + " is not a whole number");
    }
  }

  static int integer(Token t, String what) throws Bad {
    long v = number(t, what);
    if (v != (int) v) {
      throw new Bad(what + " " + t.shown() + " does not fit in an int");
    }
    return (int) v;
  }

  /** A single-field output, for messages when the count is wrong. */
  static Token one(String operation, List<Token> fields, String expected) throws Bad {
    if (fields.size() != 1) {
      throw new Bad(operation + " answers " + expected + ", got " + fields.size()
          + " fields after ->");
    }
    return fields.getFirst();
  }
}

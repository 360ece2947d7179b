package labs.checker.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into fields: runs of non-blank characters, or double-quoted strings (which may
 * hold blanks, and the escapes {@code \"}, {@code \\}, {@code \n} and {@code \t}). A quoted field
 * is always a string, never a keyword: {@code "unknown"} is the text, {@code unknown} the keyword.
 */
final class Tokens {
  /** One field; {@code quoted}: it was written in double quotes. */
  record Token(String text, boolean quoted) {
    /** Whether this is the bare keyword {@code word} (case does not matter). */
    boolean is(String word) {
      return !quoted && text.equalsIgnoreCase(word);
    }

    /** How the field reads in a message. */
    String shown() {
      return '"' + text + '"';
    }
  }

  /** A line that cannot be split (an unclosed quote, an unknown escape). */
  static final class Bad extends Exception {
    Bad(String message) {
      super(message, null, false, false);
    }
  }

  private Tokens() {}

  static List<Token> split(String line) throws Bad {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new Bad("a quoted string is not closed: end it with \"");
          }
          char d = line.charAt(i++);
          if (d == '"') {
            break;
          }
          if (d == '\\') {
            if (i >= n) {
              throw new Bad("a quoted string ends with a lone \\: write \\\\ for a backslash");
            }
            char e = line.charAt(i++);
            text.append(switch (e) {
              case '"' -> '"';
              case '\\' -> '\\';
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> throw new Bad("unknown escape \\" + e + " in a quoted string: use \\\", "
                  + "\\\\, \\n or \\t");
            });
          } else {
            text.append(d);
          }
        }
        out.add(new Token(text.toString(), true));
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '"') {
          i++;
        }
        out.add(new Token(line.substring(start, i), false));
      }
    }
    return out;
  }

  /** A string as a quoted field (the inverse of {@link #split} on one field). */
  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        .replace("\t", "\\t") + '"';
  }
}

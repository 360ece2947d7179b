package labs.net;

/**
 * Where in a payload the codec is, for error messages ({@code AppendEntriesArgs.entries[2].command});
 * built as a cheap chain and turned into text only when something goes wrong.
 */
record PayloadPath(PayloadPath parent, String name, int index) {
  static PayloadPath root(String name) {
    return new PayloadPath(null, name, -1);
  }

  PayloadPath field(String field) {
    return new PayloadPath(this, field, -1);
  }

  PayloadPath index(int i) {
    return new PayloadPath(this, null, i);
  }

  PayloadPath key(Object key) {
    return new PayloadPath(this, "[" + key + "]", -2);
  }

  @Override
  public String toString() {
    String up = parent == null ? "" : parent.toString();
    if (index >= 0) {
      return up + "[" + index + "]";
    }
    if (index == -2) {
      return up + name;
    }
    return parent == null ? name : up + "." + name;
  }
}

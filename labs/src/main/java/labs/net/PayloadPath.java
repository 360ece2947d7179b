package labs.net;

/**
 * Where in a payload the codec is, for error messages ({@code AppendEntriesArgs.entries[2].command});
 * built as a cheap chain and turned into text only when something goes wrong.
 */
record PayloadPath(PayloadPath parent, String name, int index, Object key) {
  static PayloadPath root(String name) {
    return new PayloadPath(null, name, -1, null);
  }

  PayloadPath field(String field) {
    return new PayloadPath(this, field, -1, null);
  }

  PayloadPath index(int i) {
    return new PayloadPath(this, null, i, null);
  }

  /** The value of map key {@code key} (formatted only if a message needs it: a key's toString may be costly). */
  PayloadPath key(Object key) {
    return new PayloadPath(this, null, -2, key);
  }

  @Override
  public String toString() {
    String up = parent == null ? "" : parent.toString();
    if (index >= 0) {
      return up + "[" + index + "]";
    }
    if (index == -2) {
      return up + "[" + key + "]";
    }
    return parent == null ? name : up + "." + name;
  }
}

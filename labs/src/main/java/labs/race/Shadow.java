package labs.race;

/**
 * The cells of one object (keyed by field id) or of one array (keyed by index): an open-addressing
 * table from int keys to cells, small for the few fields of an object.
 */
final class Shadow {
  private int[] keys = new int[4];
  private Cell[] cells = new Cell[4];
  private int size;

  Cell cell(int key) {
    int stored = key + 1; // 0 marks a free entry
    int mask = keys.length - 1;
    int i = mix(stored) & mask;
    while (true) {
      int k = keys[i];
      if (k == stored) {
        return cells[i];
      }
      if (k == 0) {
        break;
      }
      i = (i + 1) & mask;
    }
    if ((size + 1) * 4 > keys.length * 3) {
      grow();
      return cell(key);
    }
    Cell c = new Cell();
    keys[i] = stored;
    cells[i] = c;
    size++;
    return c;
  }

  private static int mix(int k) {
    int h = k * 0x9E3779B1;
    return h ^ (h >>> 16);
  }

  private void grow() {
    int[] oldKeys = keys;
    Cell[] oldCells = cells;
    keys = new int[oldKeys.length * 2];
    cells = new Cell[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = mix(oldKeys[j]) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        cells[i] = oldCells[j];
      }
    }
  }
}

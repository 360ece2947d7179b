package grader.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the few things the grader needs from a pom.xml: its modules and its properties. */
final class PomReader {
  private final Document doc;
  private final Path file;

  PomReader(Path pom) {
    this.file = pom;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      this.doc = f.newDocumentBuilder().parse(pom.toFile());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  /** The {@code <modules>} of the project (not of its profiles), in order. */
  List<String> modules() {
    List<String> out = new ArrayList<>();
    for (Element modules : children(doc.getDocumentElement(), "modules")) {
      for (Element m : children(modules, "module")) {
        out.add(m.getTextContent().trim());
      }
    }
    return out;
  }

  /** A property of the project's own {@code <properties>}. */
  Optional<String> property(String name) {
    for (Element props : children(doc.getDocumentElement(), "properties")) {
      for (Element p : children(props, name)) {
        return Optional.of(p.getTextContent().trim());
      }
    }
    return Optional.empty();
  }

  /** The project's own {@code <version>}, if it has one. */
  Optional<String> version() {
    for (Element v : children(doc.getDocumentElement(), "version")) {
      return Optional.of(v.getTextContent().trim());
    }
    return Optional.empty();
  }

  Path file() {
    return file;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }
}

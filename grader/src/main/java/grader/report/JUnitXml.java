package grader.report;

import grader.exec.RunOutcome;
import grader.grade.Results;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A graded submission as JUnit XML (one {@code testsuite} per lab, one {@code testcase} per
 * test), for tools that read it. The verdicts are the grader's, not the test JVM's.
 */
public final class JUnitXml {
  private JUnitXml() {}

  public static String of(Results.Submission s) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", s.id());
      for (Results.Lab lab : s.labs()) {
        long failures = lab.tests().stream().filter(t -> !t.verdict().equals("passed")).count();
        w.writeStartElement("testsuite");
        w.writeAttribute("name", s.id() + "." + lab.lab());
        w.writeAttribute("tests", Integer.toString(lab.tests().size()));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("time", fmt(lab.tests().stream().mapToDouble(Results.Test::realSeconds).sum()));
        for (Results.Test t : lab.tests()) {
          w.writeStartElement("testcase");
          w.writeAttribute("classname", lab.lab() + "." + t.id().substring(0, t.id().indexOf('#')));
          w.writeAttribute("name", t.id().substring(t.id().indexOf('#') + 1));
          w.writeAttribute("time", fmt(t.realSeconds()));
          if (!t.verdict().equals("passed")) {
            w.writeStartElement(t.verdict().equals("not-run") ? "skipped" : "failure");
            w.writeAttribute("message", clean(t.reason()));
            StringBuilder body = new StringBuilder();
            for (RunOutcome o : t.failed()) {
              body.append(o.seed() == null ? "" : "seed " + o.seed() + ": ").append(o.reason()).append("\n  replay: ")
                  .append(o.replay()).append('\n');
            }
            w.writeCharacters(clean(body.toString()));
            w.writeEndElement();
          }
          w.writeEndElement();
        }
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out + "\n";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }

  /** XML 1.0 cannot hold most control characters, which hostile output may contain. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
  }
}

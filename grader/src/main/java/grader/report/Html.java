package grader.report;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** The HTML reports: their Markdown rendered by commonmark, in one self-contained page. */
public final class Html {
  private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
  private static final String STYLE = """
      body{font:15px/1.45 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
      table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
      th{background:#f3f3f3}code,pre{background:#f6f6f6;font-size:13px}pre{padding:.6em;overflow:auto}
      h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.6em}""";

  private Html() {}

  public static String page(String title, String markdown) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title><style>" + STYLE + "</style></head><body>\n" + RENDERER.render(PARSER.parse(markdown))
        + "</body></html>\n";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

package grader.cli;

import grader.grade.ClassFiles;
import grader.grade.Results;
import grader.report.ClassReport;
import grader.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grader merge}: the results of several shards as one class (CSV, class report, copies of each report). */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Joins the output folders of 'grade --shard i/n' runs into one grades.csv and class report.",
        "Example: grader merge out/shard1 out/shard2 -o out/all"})
public final class MergeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "1..*", description = "output folders of grade runs")
  List<Path> dirs;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "where the merged files go")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Results.Submission> all = ClassFiles.results(dirs);
    for (Results.Submission s : all) {
      Path from = dirs.stream().map(d -> d.resolve(s.id())).filter(d -> Files.isRegularFile(d.resolve(Reports.RESULT)))
          .findFirst().orElseThrow();
      Path to = out.resolve(s.id());
      if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
        grader.course.FileTrees.delete(to);
        grader.course.FileTrees.copyAll(from, to);
      }
    }
    ClassReport.write(out, all);
    System.out.println(all.size() + " submissions merged: " + out.resolve(ClassReport.CSV));
    return 0;
  }
}

using IrOperator.Cli.Plan;

namespace IrOperator.Tests.Cli;

/// <summary>The plan's diffs read like `diff -u`: headers, hunks with three lines of context, removals before additions.</summary>
public class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => UnifiedDiff.Compute("a\nb\n", "a\nb\n", "x", "y").Should().BeEmpty();

    [Fact]
    public void A_changed_line_is_one_hunk_with_its_context()
    {
        var before = string.Join("\n", Enumerable.Range(1, 10)) + "\n";
        var after = before.Replace("6\n", "six\n", StringComparison.Ordinal);

        UnifiedDiff.Compute(before, after, "a/x", "b/x").Should().Be(
            "--- a/x\n+++ b/x\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n");
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_near_ones_merge()
    {
        var lines = Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var before = string.Join("\n", lines);
        var changed = lines.ToList();
        changed[1] = "two";
        changed[17] = "eighteen";
        var near = lines.ToList();
        near[1] = "two";
        near[6] = "seven";

        UnifiedDiff.Compute(before, string.Join("\n", changed), "a", "b").Should().Be(
            "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
        UnifiedDiff.Compute(before, string.Join("\n", near), "a", "b").Should().Be(
            "--- a\n+++ b\n@@ -1,10 +1,10 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n-7\n+seven\n 8\n 9\n 10\n");
    }

    [Fact]
    public void A_new_document_is_all_additions_from_dev_null() =>
        UnifiedDiff.Compute("", "{\n}\n", "/dev/null", "b/doc").Should().Be("--- /dev/null\n+++ b/doc\n@@ -0,0 +1,2 @@\n+{\n+}\n");
}

using IrOperator.Resources;

namespace IrOperator.Tests.Resources;

public class GoDurationTests
{
    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("2h30m", 9000)]
    [InlineData("1h0m30s", 3630)]
    [InlineData("45s", 45)]
    public void Parses_hours_minutes_and_seconds(string text, int seconds) =>
        GoDuration.Parse(text, "spec.duration").Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("")]
    [InlineData("1.5h")]
    [InlineData("1d")]
    [InlineData("30m2h")]
    [InlineData("h")]
    [InlineData("PT1H")]
    public void Refuses_what_the_crd_pattern_refuses_naming_the_field(string text)
    {
        GoDuration.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => GoDuration.Parse(text, "spec.duration"))
            .Should().Throw<FormatException>().WithMessage("spec.duration: *");
    }

    [Theory]
    [InlineData(9000, "2h30m")]
    [InlineData(3600, "1h")]
    [InlineData(45, "45s")]
    [InlineData(90000, "25h")]
    [InlineData(0, "0s")]
    public void Formats_the_shortest_text(int seconds, string text) => GoDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(text);
}

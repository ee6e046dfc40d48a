using IrOperator.Kube;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

public sealed class ConditionsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T10:00:00.750Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void New_condition_gets_the_current_time_truncated_to_seconds()
    {
        var list = Conditions.Set(null, "Ready", Conditions.True, "Provisioned", "all accounts", 3, _time);

        list.Should().ContainSingle().Which.LastTransitionTime.Should().Be(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc));
        list[0].ObservedGeneration.Should().Be(3);
    }

    [Fact]
    public void Restating_the_same_status_keeps_the_transition_time_but_updates_reason_and_message()
    {
        var first = Conditions.Set(null, "Ready", Conditions.False, "Pending", "waiting", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = Conditions.Set(first, "Ready", Conditions.False, "Throttled", "IAM throttled", 2, _time);

        second[0].LastTransitionTime.Should().Be(first[0].LastTransitionTime);
        second[0].Reason.Should().Be("Throttled");
        second[0].ObservedGeneration.Should().Be(2);
    }

    [Fact]
    public void A_flip_moves_the_transition_time()
    {
        var first = Conditions.Set(null, "Ready", Conditions.False, "Pending", "waiting", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = Conditions.Set(first, "Ready", Conditions.True, "Provisioned", "done", 1, _time);

        second[0].LastTransitionTime.Should().Be(new DateTime(2026, 1, 1, 10, 5, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Other_conditions_are_kept_in_order_and_the_input_is_not_mutated()
    {
        var existing = new List<V1Condition>
        {
            new() { Type = "Ready", Status = "False", Reason = "Pending", LastTransitionTime = DateTime.UnixEpoch },
            new() { Type = "Approved", Status = "True", Reason = "Annotated", LastTransitionTime = DateTime.UnixEpoch },
        };

        var list = Conditions.Set(existing, "Ready", Conditions.True, "Active", "", 1, _time);

        list.Select(c => c.Type).Should().Equal("Ready", "Approved");
        existing[0].Status.Should().Be("False");
        Conditions.IsTrue(list, "Ready").Should().BeTrue();
        Conditions.Find(list, "Missing").Should().BeNull();
    }

    [Fact]
    public void Status_outside_true_false_unknown_is_rejected_naming_the_field()
    {
        var act = () => Conditions.Set(null, "Ready", "yes", "R", "", 1, _time);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("status");
    }
}
